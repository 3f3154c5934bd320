export { posthog, POSTHOG_INTEGRATION_NAMES } from './posthog.js'
export {
  DEFAULT_GROUP_TYPE,
  POSTHOG_DEFAULTS,
  POSTHOG_HOSTS,
  POSTHOG_LIMITS,
  type PostHogOptions,
} from './posthog-options.js'
export { toPostHogEvent, encodePostHogEvent, type PostHogEvent, type PostHogEventSettings } from './to-posthog-event.js'
export { postHogUuid, deterministicUuidV7, isUuidV7 } from './uuid-v7.js'
export { groupTypeOf } from './group-type.js'
