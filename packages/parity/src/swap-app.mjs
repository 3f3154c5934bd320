// The "application" of the swap test: ordinary code written once against Polytrack's API. Each
// adapter package's integration test runs it with its own destination; only the import differs.

/** Records a small sign-up-and-purchase journey: one call of each of the six kinds. */
export function signupJourney(analytics) {
  const user = { userId: 'swap-user-1' }
  analytics.alias({ userId: 'swap-user-1', previousId: 'swap-anon-1' })
  analytics.identify({ ...user, anonymousId: 'swap-anon-1', traits: { email: 'swap@example.com', plan: 'pro' } })
  analytics.group({ ...user, groupId: 'swap-company-1', traits: { name: 'Swap GmbH' } })
  analytics.page({ ...user, name: 'Checkout', category: 'Shop', properties: { url: 'https://shop.example.com/checkout' } })
  analytics.screen({ ...user, name: 'Receipt', properties: { orderId: 'swap-order-1' } })
  analytics.track({ ...user, event: 'Order Completed', properties: { orderId: 'swap-order-1', total: 12.5, items: ['a', 'b'] } })
}

/** The message types {@link signupJourney} sends, in order. */
export const JOURNEY_TYPES = ['alias', 'identify', 'group', 'page', 'screen', 'track']
