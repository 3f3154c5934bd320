import {
  batchBody,
  ConfigError,
  endpointUrl,
  LIBRARY,
  optionalBoolean,
  readOptions,
  requiredKey,
  utf8ByteLength,
  type Destination,
  type Message,
  protectSecrets,
} from '@polytrack/core/adapter'
import { encodePostHogEvent, type PostHogEventSettings } from './to-posthog-event.js'
import { resolveFlagOptions } from './flags/flag-settings.js'
import { createPostHogFlagSource } from './flags/posthog-flag-source.js'
import {
  DEFAULT_GROUP_TYPE,
  DEPRECATED_POSTHOG_OPTIONS,
  POSTHOG_DEFAULTS,
  POSTHOG_HINTS,
  POSTHOG_HOSTS,
  POSTHOG_LIMITS,
  POSTHOG_OPTIONS,
  type PostHogOptions,
} from './posthog-options.js'

/** Names the integrations map uses for PostHog. */
export const POSTHOG_INTEGRATION_NAMES = ['PostHog', 'Posthog', 'posthog'] as const

/**
 * A PostHog destination: `POST {host}/batch/` with `{api_key, batch, sent_at}` (and
 * `historical_migration: true` with `historicalMigration`), gzip, and the
 * events posthog-node sends for the equivalent calls (track → the event, identify → `$identify`,
 * alias → `$create_alias`, group → `$groupidentify`, page → `$pageview`, screen → `$screen`).
 * PostHog is a tool: it receives a message unless the integrations map turns it off.
 * It also provides feature flags (`flags`): local evaluation of polled definitions with a
 * `personalApiKey`, remote evaluation otherwise (see docs/feature-flags.md).
 * Throws a `ConfigError` for a missing key, a malformed host, an unknown region or an unknown
 * option (naming the nearest one, or posthog-go's and posthog-node's equivalents).
 *
 * @example
 * new Analytics({ destination: posthog({ apiKey: 'phc_…', region: 'eu' }) })
 */
export function posthog(options: PostHogOptions): Destination {
  options = readOptions(options, POSTHOG_OPTIONS, '', POSTHOG_HINTS, DEPRECATED_POSTHOG_OPTIONS)
  const apiKey = requiredKey(options.apiKey, 'apiKey')
  const region = options.region ?? 'us'
  if (region !== 'us' && region !== 'eu') throw new ConfigError('region', `must be 'us' or 'eu', got ${JSON.stringify(region)}`)
  const base = endpointUrl(options.host ?? POSTHOG_HOSTS[region], 'host', options.allowInsecureHttp === true)
  const personalApiKey = options.personalApiKey === undefined ? undefined : requiredKey(options.personalApiKey, 'personalApiKey')
  if (personalApiKey?.startsWith('phc_')) {
    throw new ConfigError('personalApiKey', 'is a project API key (phc_…); pass a personal (phx_…) or secret (phs_…) key')
  }
  const groupType = options.groupType === undefined ? DEFAULT_GROUP_TYPE : requiredKey(options.groupType, 'groupType')
  const sendFeatureFlags = optionalBoolean(options.sendFeatureFlags, 'sendFeatureFlags') === true
  if (sendFeatureFlags && personalApiKey === undefined) {
    // posthog-node would ask the server on every capture; here flag values come from local evaluation only.
    throw new ConfigError(
      'sendFeatureFlags',
      'needs personalApiKey: flag values are added from local evaluation only (no request inside a call)',
    )
  }
  const disableGeoip = optionalBoolean(options.disableGeoip, 'disableGeoip') !== false
  const historicalMigration = optionalBoolean(options.historicalMigration, 'historicalMigration') === true
  const url = `${base}/batch/`
  const gzip = options.gzip !== false
  const userAgent = `polytrack-node/${LIBRARY.version}`
  const headers = Object.freeze({
    'content-type': 'application/json',
    'user-agent': userAgent,
  })
  const flags = createPostHogFlagSource({
    ...resolveFlagOptions(options),
    apiKey,
    personalApiKey,
    host: base,
    disableGeoip,
    userAgent,
  })
  const settings: PostHogEventSettings = {
    groupType,
    integrationNames: POSTHOG_INTEGRATION_NAMES,
    disableGeoip,
    sendFeatureFlags,
    localFlagValues: (distinctId, groups) => flags.localFlagValues(distinctId, groups),
  }
  // posthog-node adds `historical_migration` only when it is on.
  const envelope = historicalMigration ? { historical_migration: true } : {}
  return protectSecrets({
    name: 'posthog',
    specificationVersion: 'v1',
    kind: 'tool',
    integrationNames: POSTHOG_INTEGRATION_NAMES,
    limits: { ...POSTHOG_LIMITS, envelopeBytes: POSTHOG_LIMITS.envelopeBytes + utf8ByteLength(apiKey) },
    defaults: POSTHOG_DEFAULTS,
    secrets: personalApiKey === undefined ? [apiKey] : [apiKey, personalApiKey],
    flags,
    encode: (message: Message) => encodePostHogEvent(message, settings),
    buildRequest(items, { sentAt }) {
      return { url, headers: { ...headers }, body: batchBody('batch', items, { api_key: apiKey, sent_at: sentAt, ...envelope }), gzip }
    },
  })
}
