import type { Analytics } from '@polytrack/core'

/** Counts of what the scenario sent, by message type. */
export type SentCounts = Record<'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias', number>

/**
 * Simulates `users` users of a shop: each is first anonymous (page views), signs up (alias,
 * identify), joins a company (group), views screens in the app and buys things (track).
 * Deterministic for a given `users`, so the summary can be checked.
 */
export function runShopScenario(analytics: Analytics, users: number): SentCounts {
  const sent: SentCounts = { identify: 0, track: 0, page: 0, screen: 0, group: 0, alias: 0 }
  for (let n = 0; n < users; n++) {
    const anonymousId = `anon-${n}`
    const userId = `user-${n}`
    for (const path of ['/', '/pricing']) {
      analytics.page({ anonymousId, name: path === '/' ? 'Home' : 'Pricing', category: 'Marketing', properties: { path, url: `https://shop.example${path}` } })
      sent.page++
    }
    analytics.alias({ userId, previousId: anonymousId })
    sent.alias++
    analytics.identify({ userId, traits: { email: `${userId}@example.com`, name: `User ${n}`, plan: n % 3 === 0 ? 'pro' : 'free', createdAt: new Date(Date.UTC(2026, 0, 1 + (n % 28))) } })
    sent.identify++
    analytics.group({ userId, groupId: `company-${n % 50}`, traits: { name: `Company ${n % 50}`, employees: 10 + (n % 50) } })
    sent.group++
    analytics.screen({ userId, name: 'Dashboard', properties: { tab: n % 2 === 0 ? 'orders' : 'stats' } })
    sent.screen++
    const orders = 1 + (n % 3)
    for (let o = 0; o < orders; o++) {
      analytics.track({
        userId,
        event: 'Order Completed',
        properties: { orderId: `order-${n}-${o}`, total: 9.99 + o, currency: 'EUR', products: [{ sku: `sku-${o}`, quantity: 1 + o }] },
      })
      sent.track++
    }
  }
  return sent
}
