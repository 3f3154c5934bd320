// The "application" of the swap test: ordinary code written once against Polytrack's API. Every
// adapter's conformance run sends it through its own destination; only the import differs.

/** Plain JSON-ish values the application sends. */
type Props = Record<string, string | number | boolean | string[]>

/** The part of `Analytics` the application uses. */
export interface JourneyClient {
  alias(params: { userId: string; previousId: string }): void
  identify(params: { userId: string; anonymousId?: string; traits?: Props }): void
  group(params: { userId: string; groupId: string; traits?: Props }): void
  page(params: { userId: string; name?: string; category?: string; properties?: Props }): void
  screen(params: { userId: string; name?: string; properties?: Props }): void
  track(params: { userId: string; event: string; properties?: Props }): void
}

/** The user of {@link signupJourney}. */
export const JOURNEY_USER = 'swap-user-1'

/** Records a small sign-up-and-purchase journey: one call of each of the six kinds. */
export function signupJourney(analytics: JourneyClient): void {
  const user = { userId: JOURNEY_USER }
  analytics.alias({ userId: JOURNEY_USER, previousId: 'swap-anon-1' })
  analytics.identify({ ...user, anonymousId: 'swap-anon-1', traits: { email: 'swap@example.com', plan: 'pro' } })
  analytics.group({ ...user, groupId: 'swap-company-1', traits: { name: 'Swap GmbH' } })
  analytics.page({ ...user, name: 'Checkout', category: 'Shop', properties: { url: 'https://shop.example.com/checkout' } })
  analytics.screen({ ...user, name: 'Receipt', properties: { orderId: 'swap-order-1' } })
  analytics.track({ ...user, event: 'Order Completed', properties: { orderId: 'swap-order-1', total: 12.5, items: ['a', 'b'] } })
}

/** The message types {@link signupJourney} sends, in order. */
export const JOURNEY_TYPES: readonly string[] = ['alias', 'identify', 'group', 'page', 'screen', 'track']
