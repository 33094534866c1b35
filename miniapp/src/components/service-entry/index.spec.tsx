import { fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ServiceEntry, serviceText } from './index'

describe('ServiceEntry (H5)', () => {
  it('shows the store phone and hours, and offers to call', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: '' } as never)
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: '' } as never)
    const { container } = render(<ServiceEntry id='svc'>客服</ServiceEntry>)
    expect(container.querySelector('button')).toBeNull()
    fireEvent.click(container.querySelector('#svc') as HTMLElement)
    await new Promise((r) => setTimeout(r, 0))
    const shown = modal.mock.calls[0][0] as { content: string; confirmText: string }
    expect(shown.content).toBe(serviceText())
    expect(shown.content).toContain('客服电话')
    expect(shown.content).toContain('服务时间')
    expect(shown.confirmText).toBe('拨打电话')
    expect(call).toHaveBeenCalledWith({ phoneNumber: expect.stringMatching(/^\d{7,}$/) })
  })

  it('words phone and hours on separate lines, leaving out what is not configured', () => {
    expect(serviceText({ phone: '0571-1', hours: '每天 9-18' })).toBe('客服电话 0571-1\n服务时间 每天 9-18')
    expect(serviceText({ phone: '', hours: '每天 9-18' })).toBe('服务时间 每天 9-18')
  })
})
