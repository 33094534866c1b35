import type {
  GroupBuyProductView, GroupOrderPreviewRequest, GroupOrderRequest, GroupStatus, GroupView, OrderPreviewView, OrderView, Page,
} from '@linli/shared'
import { Routes, paramValue, withQuery } from '../routes'
import { request } from './request'

/** Group-buy (拼团): what a product offers, a group's page, 我的拼团, and placing a group order. */

export function getProductGroupBuy(productId: number, options: { toast?: boolean } = {}): Promise<GroupBuyProductView> {
  return request<GroupBuyProductView>(`/api/group-buy/products/${productId}`, options)
}

/** Public: with a session the server also fills `mine` and `joinBlockedReason` for the viewer. */
export function getGroup(id: number, options: { toast?: boolean } = {}): Promise<GroupView> {
  return request<GroupView>(`/api/group-buy/groups/${id}`, options)
}

export interface MyGroupsQuery {
  status?: Extract<GroupStatus, 'open' | 'succeeded' | 'failed'>
  page?: number
  pageSize?: number
}

export function listMyGroups({ status, page, pageSize }: MyGroupsQuery): Promise<Page<GroupView>> {
  return request<Page<GroupView>>('/api/group-buy/mine', { query: { status, page, pageSize } })
}

export function previewGroupOrder(input: GroupOrderPreviewRequest): Promise<OrderPreviewView> {
  return request<OrderPreviewView>('/api/group-buy/preview', { method: 'POST', data: groupOrderBody(input) })
}

/** Opens a group (no groupId) or joins one. The order is then paid like any other. */
export function createGroupOrder(input: GroupOrderRequest): Promise<OrderView> {
  const { couponId, ...rest } = groupOrderBody(input)
  const data: GroupOrderRequest = { ...rest }
  if (couponId) data.couponId = couponId
  if (input.remark) data.remark = input.remark
  if (input.requestKey) data.requestKey = input.requestKey
  return request<OrderView>('/api/group-buy/orders', { method: 'POST', data })
}

/** Exactly the fields the API accepts: it rejects unknown ones. */
function groupOrderBody(input: GroupOrderPreviewRequest): GroupOrderPreviewRequest {
  const body: GroupOrderPreviewRequest = { campaignId: input.campaignId, skuId: input.skuId, quantity: input.quantity }
  if (input.groupId) body.groupId = input.groupId
  else if (input.groupSize) body.groupSize = input.groupSize
  // 到店自提: a store and no address, as at normal checkout.
  if (input.fulfilment === 'pickup') Object.assign(body, { fulfilment: 'pickup', pickupStoreId: input.pickupStoreId })
  else if (input.addressId) body.addressId = input.addressId
  if (input.couponId !== undefined) body.couponId = input.couponId
  return body
}

// ---- pages ----

/** What checkout needs to place a group order; it travels in the URL so an H5 reload keeps it. */
export interface GroupCheckout {
  campaignId: number
  skuId: number
  quantity: number
  /** Join this group; absent when opening one. */
  groupId?: number
  /** The size the leader chose; absent for the base size or when joining. */
  groupSize?: number
}

export function groupCheckoutUrl(input: GroupCheckout): string {
  return withQuery(Routes.checkout, {
    mode: 'group',
    campaignId: input.campaignId,
    skuId: input.skuId,
    quantity: input.quantity,
    groupId: input.groupId,
    groupSize: input.groupId ? undefined : input.groupSize,
  })
}

/** Reads checkout's params: a GroupCheckout when `mode=group` and the ids are valid, else null. */
export function parseGroupCheckout(params: Record<string, string | undefined>): GroupCheckout | null {
  if (params.mode !== 'group') return null
  const num = (key: string) => {
    const value = Number(paramValue(params[key]))
    return Number.isInteger(value) && value > 0 ? value : undefined
  }
  const campaignId = num('campaignId')
  const skuId = num('skuId')
  const quantity = num('quantity')
  if (!campaignId || !skuId || !quantity) return null
  const groupId = num('groupId')
  const groupSize = groupId ? undefined : num('groupSize')
  return { campaignId, skuId, quantity, ...(groupId ? { groupId } : {}), ...(groupSize ? { groupSize } : {}) }
}

export function groupPageUrl(groupId: number): string {
  return withQuery(Routes.groupDetail, { id: groupId })
}
