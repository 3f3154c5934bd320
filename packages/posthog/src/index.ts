export { posthog, POSTHOG_INTEGRATION_NAMES } from './posthog.js'
export {
  DEFAULT_GROUP_TYPE,
  POSTHOG_DEFAULTS,
  POSTHOG_OPTIONS,
  POSTHOG_HOSTS,
  POSTHOG_LIMITS,
  type PostHogOptions,
} from './posthog-options.js'
export { toPostHogEvent, encodePostHogEvent, type PostHogEvent, type PostHogEventSettings } from './to-posthog-event.js'
export { postHogUuid, deterministicUuidV7, isUuidV7 } from './uuid-v7.js'
export { groupTypeOf } from './group-type.js'
export { PostHogFlagSource, createPostHogFlagSource } from './flags/posthog-flag-source.js'
export { FlagRequestError, type FlagEndpoint } from './flags/flag-request-error.js'
export { POSTHOG_FLAG_DEFAULTS, type PostHogFlagSettings } from './flags/flag-settings.js'
export { parseRemoteFlags, remoteRequestBody, type RemoteFlag, type RemoteResult } from './flags/remote-flags.js'
