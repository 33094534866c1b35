import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { IS_H5, silentLogin } from './services/request'
import { isLoggedIn } from './services/session'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // weapp logs in silently; browsing never waits for it and works without it.
    if (!IS_H5 && !isLoggedIn()) {
      silentLogin().catch(() => undefined)
    }
  })

  return children
}

export default App
