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
/** Records a small sign-up-and-purchase journey: one call of each of the six kinds. */
export function signupJourney(analytics: JourneyClient): void
/** The message types {@link signupJourney} sends, in order. */
export const JOURNEY_TYPES: readonly string[]
