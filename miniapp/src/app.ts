import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { arriveWithShare, shareCodeFrom } from './services/referrals'
import { IS_H5, silentLogin } from './services/request'
import { isLoggedIn } from './services/session'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Opened through a share (a card's path `s=`, or a mini program code's `scene`): report the visit and keep the
    // code for binding at login. Pages that a share opens also read `s` themselves (H5 reloads, hot starts).
    try {
      arriveWithShare(shareCodeFrom(Taro.getLaunchOptionsSync().query as Record<string, string>))
    } catch {
      // No launch options (some H5 starts): the landing page reads its own query.
    }
    // weapp logs in silently; browsing never waits for it and works without it.
    if (!IS_H5 && !isLoggedIn()) {
      silentLogin().catch(() => undefined)
    }
  })

  return children
}

export default App
