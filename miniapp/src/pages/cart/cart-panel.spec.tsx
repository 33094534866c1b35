import { useState } from 'react'
import { act, fireEvent, render } from '@testing-library/react'
import type { CartItemView, CartView } from '@linli/shared'
import { CartPanel, type CartPanelProps } from './cart-panel'

function item(overrides: Partial<CartItemView> & Pick<CartItemView, 'id'>): CartItemView {
  return {
    skuId: overrides.id * 10,
    productId: overrides.id * 100,
    title: `商品${overrides.id}`,
    cover: '/media/products/x.svg',
    specs: { 重量: '500g' },
    price: 1990,
    quantity: 1,
    selected: true,
    stock: 10,
    available: true,
    unavailableReason: null,
    ...overrides,
  }
}

/** The server's totals are deliberately not the sum of the lines: the panel must show them as given. */
const cart: CartView = {
  items: [
    item({ id: 1, quantity: 2, selected: true }),
    item({ id: 2, title: '有机菠菜', price: 590, quantity: 1, selected: false, stock: 3 }),
    item({ id: 3, title: '已下架酸奶', available: false, selected: false, unavailableReason: '商品已下架' }),
  ],
  selectedCount: 2,
  selectedTotal: 12345,
}

function renderPanel(overrides: Partial<CartPanelProps> = {}) {
  const handlers = {
    onToggle: jest.fn(),
    onToggleAll: jest.fn(),
    onQuantity: jest.fn(),
    onRemove: jest.fn(),
    onClearUnavailable: jest.fn(),
    onOpenProduct: jest.fn(),
    onCheckout: jest.fn(),
  }
  const utils = render(<CartPanel cart={cart} {...handlers} {...overrides} />)
  return { ...utils, ...handlers }
}

const row = (container: HTMLElement, id: number) => {
  const el = container.querySelector(`.cart-item[data-item-id="${id}"]`)
  if (!el) throw new Error(`no cart item ${id}`)
  return el as HTMLElement
}
const within = (el: HTMLElement, selector: string) => el.querySelector(selector) as HTMLElement

describe('CartPanel', () => {
  it('shows the total and count from the server, not a sum of its own', () => {
    const { container } = renderPanel()
    expect(within(container, '.cart-total').textContent).toBe('¥123.45')
    expect(within(container, '#cart-checkout').textContent).toBe('结算(2)')
  })

  it('reports a tap on an item’s check with the new selected state', () => {
    const { container, onToggle } = renderPanel()
    fireEvent.click(within(row(container, 2), '.check-circle'))
    expect(onToggle).toHaveBeenCalledWith(expect.objectContaining({ id: 2 }), true)
    fireEvent.click(within(row(container, 1), '.check-circle'))
    expect(onToggle).toHaveBeenLastCalledWith(expect.objectContaining({ id: 1 }), false)
  })

  it('selects all available items when not all are selected', () => {
    const { container, onToggleAll } = renderPanel()
    const all = within(container, '#cart-select-all .check-circle')
    expect(all.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(all)
    expect(onToggleAll).toHaveBeenCalledWith(true)
  })

  it('shows select-all checked when every available item is selected (unavailable ones do not count)', () => {
    const allSelected = { ...cart, items: cart.items.map((i) => (i.available ? { ...i, selected: true } : i)) }
    const { container, onToggleAll } = renderPanel({ cart: allSelected })
    const all = within(container, '#cart-select-all .check-circle')
    expect(all.getAttribute('aria-checked')).toBe('true')
    fireEvent.click(all)
    expect(onToggleAll).toHaveBeenCalledWith(false)
  })

  it('changes quantity with the stepper, within stock', () => {
    const { container, onQuantity } = renderPanel()
    fireEvent.click(within(row(container, 1), '.stepper-plus'))
    expect(onQuantity).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }), 3)
    fireEvent.click(within(row(container, 1), '.stepper-minus'))
    expect(onQuantity).toHaveBeenLastCalledWith(expect.objectContaining({ id: 1 }), 1)
    // Item 2 is at quantity 1: minus does nothing.
    onQuantity.mockClear()
    fireEvent.click(within(row(container, 2), '.stepper-minus'))
    expect(onQuantity).not.toHaveBeenCalled()
  })

  it('does not go above the stock', () => {
    const atStock = { ...cart, items: [item({ id: 5, quantity: 3, stock: 3 })] }
    const { container, onQuantity } = renderPanel({ cart: atStock })
    const plus = within(row(container, 5), '.stepper-plus')
    expect(plus.className).toContain('is-disabled')
    fireEvent.click(plus)
    expect(onQuantity).not.toHaveBeenCalled()
  })

  it('greys out an unavailable item with its reason and no way to select or change it', () => {
    const { container, onToggle, onQuantity } = renderPanel()
    const dead = row(container, 3)
    expect(dead.className).toContain('cart-item--unavailable')
    expect(dead.textContent).toContain('商品已下架')
    const check = within(dead, '.check-circle')
    expect(check.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(check)
    expect(onToggle).not.toHaveBeenCalled()
    expect(dead.querySelector('.stepper')).toBeNull()
    expect(onQuantity).not.toHaveBeenCalled()
  })

  it('offers to clear unavailable items', () => {
    const { container, onClearUnavailable } = renderPanel()
    fireEvent.click(within(container, '#cart-clear-unavailable'))
    expect(onClearUnavailable).toHaveBeenCalledWith([expect.objectContaining({ id: 3 })])
  })

  it('removes an item and checks out', () => {
    const { container, onRemove, onCheckout } = renderPanel()
    fireEvent.click(within(row(container, 2), '.cart-item__remove'))
    expect(onRemove).toHaveBeenCalledWith(expect.objectContaining({ id: 2 }))
    fireEvent.click(within(container, '#cart-checkout'))
    expect(onCheckout).toHaveBeenCalledTimes(1)
  })

  it('shows the server’s new total after a quantity change', async () => {
    // The server answers a PATCH with the whole cart; the page puts it on screen.
    const server = jest.fn(async (_itemId: number, quantity: number): Promise<CartView> => ({
      items: [item({ id: 1, quantity })],
      selectedCount: quantity,
      selectedTotal: 1990 * quantity - 100,
    }))
    function Harness() {
      const [current, setCurrent] = useState<CartView>({ items: [item({ id: 1, quantity: 1 })], selectedCount: 1, selectedTotal: 1990 })
      return (
        <CartPanel
          cart={current}
          onToggle={jest.fn()}
          onToggleAll={jest.fn()}
          onRemove={jest.fn()}
          onClearUnavailable={jest.fn()}
          onOpenProduct={jest.fn()}
          onCheckout={jest.fn()}
          onQuantity={(i, q) => void server(i.id, q).then(setCurrent)}
        />
      )
    }
    const { container } = render(<Harness />)
    expect(within(container, '.cart-total').textContent).toBe('¥19.90')
    await act(async () => {
      fireEvent.click(within(row(container, 1), '.stepper-plus'))
    })
    expect(server).toHaveBeenCalledWith(1, 2)
    expect(within(container, '.cart-total').textContent).toBe('¥38.80')
    expect(within(row(container, 1), '.stepper-value').textContent).toBe('2')
  })

  it('disables 结算 when nothing is selected', () => {
    const none = { ...cart, items: cart.items.map((i) => ({ ...i, selected: false })), selectedCount: 0, selectedTotal: 0 }
    const { container, onCheckout } = renderPanel({ cart: none })
    const checkout = within(container, '#cart-checkout')
    expect(checkout.textContent).toBe('结算')
    expect(checkout.className).toContain('is-disabled')
    fireEvent.click(checkout)
    expect(onCheckout).not.toHaveBeenCalled()
    expect(within(container, '.cart-total').textContent).toBe('¥0.00')
  })
})
