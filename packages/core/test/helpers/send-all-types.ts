import type { Analytics } from '../../src/analytics.js'

/** Sends message `i` of a rotating mix of the six types; returns its messageId. */
export function sendOfEachType(analytics: Analytics, i: number): string {
  const messageId = `msg-${i}`
  const userId = `user-${i % 97}`
  switch (i % 6) {
    case 0:
      analytics.track({ userId, messageId, event: 'Order Completed', properties: { total: i, items: [{ sku: 'a' }] } })
      break
    case 1:
      analytics.identify({ userId, messageId, traits: { email: `${userId}@example.com`, name: 'Zoë 🚀' } })
      break
    case 2:
      analytics.page({ anonymousId: `anon-${i}`, messageId, name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } })
      break
    case 3:
      analytics.screen({ userId, messageId, name: 'Home', properties: { variant: 'b' } })
      break
    case 4:
      analytics.group({ userId, messageId, groupId: `org-${i % 7}`, traits: { plan: 'pro' } })
      break
    default:
      analytics.alias({ userId, messageId, previousId: `anon-${i}` })
  }
  return messageId
}
