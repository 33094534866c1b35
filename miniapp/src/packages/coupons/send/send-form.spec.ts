import { checkSendForm } from './send-form'

describe('checkSendForm', () => {
  const form = { kind: 'lucky' as const, amountText: '50', sharesText: '10', greeting: '' }

  it('turns yuan into fen: the total for a lucky packet, per share otherwise', () => {
    expect(checkSendForm(form)).toEqual({ ok: true, request: { kind: 'lucky', amount: 5000, shares: 10 } })
    expect(checkSendForm({ ...form, kind: 'normal', amountText: '1.5' })).toEqual({ ok: true, request: { kind: 'normal', amount: 1500, shares: 10 } })
    expect(checkSendForm({ ...form, kind: 'exclusive', amountText: '8.88', sharesText: '' })).toEqual({ ok: true, request: { kind: 'exclusive', amount: 888, shares: 1 } })
  })

  it('says what is wrong', () => {
    expect(checkSendForm({ ...form, amountText: '' })).toEqual({ ok: false, reason: '请输入金额' })
    expect(checkSendForm({ ...form, amountText: '0.05' })).toEqual({ ok: false, reason: '每个红包至少0.01元' })
    expect(checkSendForm({ ...form, sharesText: '0' })).toEqual({ ok: false, reason: '请输入红包个数' })
    expect(checkSendForm({ ...form, sharesText: '101' })).toEqual({ ok: false, reason: '一次最多发100个红包' })
    expect(checkSendForm({ ...form, amountText: '2000.01' }).ok).toBe(false)
  })
})
