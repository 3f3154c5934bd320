/** A Polytrack call: the call's name and its params. */
export interface PolytrackCall {
  call: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias'
  params: Record<string, unknown>
}
/** One PostHog feature case: posthog-node's way and ours (with the posthog() options it needs). */
export interface PostHogFeatureCase {
  name: string
  client: Record<string, unknown>
  official: (client: unknown) => unknown
  polytrack: PolytrackCall & { options: Record<string, unknown> }
}
/** One RudderStack feature case: rudder-sdk-node's way and ours. */
export interface RudderStackFeatureCase {
  name: string
  official: (client: unknown) => unknown
  polytrack: PolytrackCall
}
export const FEATURE_FLAG_DEFINITIONS: {
  flags: Record<string, unknown>[]
  group_type_mapping: Record<string, string>
  cohorts: Record<string, unknown>
}
export const POSTHOG_FEATURE_CASES: PostHogFeatureCase[]
export const RUDDERSTACK_FEATURE_CASES: RudderStackFeatureCase[]
