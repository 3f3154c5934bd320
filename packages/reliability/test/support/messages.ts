import type { Analytics } from '@polytrack/core'

/**
 * Sends message number `i` (one of the six types in turn) with messageId `${prefix}${i}` and the
 * number carried in its body (`properties.i`, `traits.i` or `previousId: prev-i`), so the server
 * side can check that each id arrived with its own content.
 */
export function sendNumbered(analytics: Analytics, i: number, prefix: string): string {
  const messageId = `${prefix}${i}`
  const userId = `user-${i % 1009}`
  switch (i % 6) {
    case 0:
      analytics.track({
        userId,
        messageId,
        event: 'Order Completed',
        properties: { i, total: i / 100, items: [{ sku: `sku-${i % 13}`, qty: 1 }] },
      })
      break
    case 1:
      analytics.identify({ userId, messageId, traits: { i, email: `${userId}@example.com`, name: 'Zoë 🚀 مرحبا' } })
      break
    case 2:
      analytics.page({ anonymousId: `anon-${i}`, messageId, name: 'Pricing', category: 'Docs', properties: { i, path: '/pricing' } })
      break
    case 3:
      analytics.screen({ userId, messageId, name: 'Home', properties: { i, variant: 'b' } })
      break
    case 4:
      analytics.group({ userId, messageId, groupId: `org-${i % 7}`, traits: { i, plan: 'pro' } })
      break
    default:
      analytics.alias({ userId, messageId, previousId: `prev-${i}` })
  }
  return messageId
}
