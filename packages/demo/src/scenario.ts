import type { Analytics } from '@polytrack/core'

/** Counts of what the scenario sent, by message type, and the flag answers it got. */
export interface ScenarioResult {
  sent: Record<'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias', number>
  /** Flag key → answer → how many users got it. */
  flags: Record<string, Record<string, number>>
}

/** The flags the scenario asks about (the demo serves their definitions from the sink). */
export const DEMO_FLAGS = ['new-checkout', 'pricing-experiment'] as const

/** Callbacks of {@link runShopScenario}. */
export interface ScenarioHooks {
  /** After each user. */
  onProgress?: (done: number) => void
  /** After each call, with the messageId the scenario gave it. */
  onSent?: (messageId: string) => void
}

/**
 * Simulates `users` users of a shop: each is first anonymous (page views), signs up (alias,
 * identify), joins a company (group), views screens in the app, is asked for feature flags and
 * buys things (track). Deterministic for a given `users`, message ids included.
 */
export async function runShopScenario(analytics: Analytics, users: number, hooks: ScenarioHooks = {}): Promise<ScenarioResult> {
  const result: ScenarioResult = { sent: { identify: 0, track: 0, page: 0, screen: 0, group: 0, alias: 0 }, flags: {} }
  let sequence = 0
  const id = (): string => `demo-${++sequence}`
  const sent = (messageId: string): void => hooks.onSent?.(messageId)
  for (let n = 0; n < users; n++) {
    const anonymousId = `anon-${n}`
    const userId = `user-${n}`
    const plan = n % 3 === 0 ? 'pro' : 'free'
    for (const path of ['/', '/pricing']) {
      const pageId = id()
      analytics.page({
        messageId: pageId,
        anonymousId,
        name: path === '/' ? 'Home' : 'Pricing',
        category: 'Marketing',
        properties: { path, url: `https://shop.example${path}` },
      })
      result.sent.page++
      sent(pageId)
    }
    const aliasId = id()
    analytics.alias({ messageId: aliasId, userId, previousId: anonymousId })
    result.sent.alias++
    sent(aliasId)
    const identifyId = id()
    analytics.identify({
      messageId: identifyId,
      userId,
      traits: { email: `${userId}@example.com`, name: `User ${n}`, plan, createdAt: new Date(Date.UTC(2026, 0, 1 + (n % 28))) },
    })
    result.sent.identify++
    sent(identifyId)
    const groupCallId = id()
    analytics.group({
      messageId: groupCallId,
      userId,
      groupId: `company-${n % 50}`,
      traits: { name: `Company ${n % 50}`, employees: 10 + (n % 50) },
    })
    result.sent.group++
    sent(groupCallId)
    const screenId = id()
    analytics.screen({ messageId: screenId, userId, name: 'Dashboard', properties: { tab: n % 2 === 0 ? 'orders' : 'stats' } })
    result.sent.screen++
    sent(screenId)
    for (const key of DEMO_FLAGS) {
      const answer = String(await analytics.getFeatureFlag(key, userId, { personProperties: { plan } }))
      const counts = (result.flags[key] ??= {})
      counts[answer] = (counts[answer] ?? 0) + 1
    }
    const orders = 1 + (n % 3)
    for (let o = 0; o < orders; o++) {
      const orderId = id()
      analytics.track({
        messageId: orderId,
        userId,
        event: 'Order Completed',
        properties: { orderId: `order-${n}-${o}`, total: 9.99 + o, currency: 'EUR', products: [{ sku: `sku-${o}`, quantity: 1 + o }] },
      })
      result.sent.track++
      sent(orderId)
    }
    hooks.onProgress?.(n + 1)
    // Users arrive over time: let the event loop run (sockets, timers) between them, as a server would.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return result
}
