import {
  ConfigError,
  endpointUrl,
  LIBRARY,
  optionalBoolean,
  protectSecrets,
  readOptions,
  requiredKey,
  type Destination,
  type DestinationLimits,
  type DestinationSet,
  type EncodeContext,
  type HttpRequest,
  type Message,
} from '@polytrack/core/adapter'
import { resolveCredentials } from './mixpanel-credentials.js'
import {
  MIXPANEL_DEFAULT_GROUP_KEY,
  MIXPANEL_DEFAULTS,
  MIXPANEL_EVENT_LIMITS,
  MIXPANEL_HINTS,
  MIXPANEL_HOSTS,
  MIXPANEL_OPTION_NAMES,
  MIXPANEL_PROFILE_LIMITS,
  type MixpanelOptions,
} from './mixpanel-options.js'
import { mixpanelVerdicts } from './mixpanel-answers.js'
import { isMixpanelEvent, toMixpanelEvent, type MixpanelEventSettings } from './to-mixpanel-event.js'
import { toMixpanelGroupUpdate, toMixpanelProfileUpdate, type MixpanelProfileSettings } from './to-mixpanel-profile.js'

/** Names the integrations map uses for Mixpanel (every lane answers to them). */
export const MIXPANEL_INTEGRATION_NAMES = ['Mixpanel', 'mixpanel'] as const

/** The lanes of {@link mixpanel}, by name: events, user profile updates, group profile updates. */
export const MIXPANEL_LANES = { events: 'mixpanel', profiles: 'mixpanel-profiles', groups: 'mixpanel-groups' } as const

interface LaneSpec {
  name: string
  limits: DestinationLimits
  accepts(message: Message): boolean
  encode(message: Message, context: EncodeContext): unknown
  request: { url: string; headers: Record<string, string>; gzip: boolean }
}

function lane(spec: LaneSpec, secrets: readonly string[]): Destination {
  return protectSecrets({
    name: spec.name,
    specificationVersion: 'v1',
    kind: 'tool',
    integrationNames: MIXPANEL_INTEGRATION_NAMES,
    limits: spec.limits,
    defaults: MIXPANEL_DEFAULTS,
    secrets,
    accepts: spec.accepts,
    encode: (message: Message, context: EncodeContext) => JSON.stringify(spec.encode(message, context)),
    interpretAnswer: ({ status, body }, items) => mixpanelVerdicts(status, body, items),
    buildRequest(items): HttpRequest {
      return { url: spec.request.url, headers: { ...spec.request.headers }, body: `[${items.join(',')}]`, gzip: spec.request.gzip }
    },
  })
}

/**
 * A Mixpanel destination made of three lanes, one per Mixpanel endpoint, each with its own queue
 * and retries: events on `POST {host}/import?strict=1` (or `/track`), user profile updates
 * (`identify`) on `/engage`, group profile updates (`group`) on `/groups`; each body a JSON array of
 * the items the official `mixpanel` package sends. Identity follows Simplified ID Merge. Use it as
 * the client's destination or as one child of `multiplex([...])` (its lanes become children).
 * Mixpanel is a tool: it receives a message unless the integrations map turns it off. Throws a
 * `ConfigError` naming the option for a missing token, bad credentials, a malformed host, an
 * unknown region or endpoint, or an unknown option.
 *
 * @example
 * new Analytics({ destination: mixpanel({ token, serviceAccount: { username, secret, projectId }, region: 'EU' }) })
 */
export function mixpanel(options: MixpanelOptions): DestinationSet {
  options = readOptions(options, MIXPANEL_OPTION_NAMES, '', MIXPANEL_HINTS)
  const token = requiredKey(options.token, 'token')
  const region = options.region ?? 'US'
  if (region !== 'US' && region !== 'EU' && region !== 'IN')
    throw new ConfigError('region', `must be 'US', 'EU' or 'IN', got ${JSON.stringify(region)}`)
  const endpoint = options.endpoint ?? 'import'
  if (endpoint !== 'import' && endpoint !== 'track')
    throw new ConfigError('endpoint', `must be 'import' or 'track', got ${JSON.stringify(endpoint)}`)
  const insecure = optionalBoolean(options.allowInsecureHttp, 'allowInsecureHttp') === true
  const gzip = optionalBoolean(options.gzip, 'gzip') === true
  const base = endpointUrl(options.host ?? MIXPANEL_HOSTS[region], 'host', insecure)
  const credentials = resolveCredentials(token, options.serviceAccount, options.apiSecret)
  const groupKey = options.groupKey === undefined ? MIXPANEL_DEFAULT_GROUP_KEY : requiredKey(options.groupKey, 'groupKey')
  const json = { 'content-type': 'application/json', 'user-agent': `polytrack-node/${LIBRARY.version}` }
  const eventSettings: MixpanelEventSettings = { token, endpoint }
  const profileSettings: MixpanelProfileSettings = { token, groupKey, integrationNames: MIXPANEL_INTEGRATION_NAMES }
  const events = lane(
    {
      name: MIXPANEL_LANES.events,
      limits: MIXPANEL_EVENT_LIMITS,
      accepts: isMixpanelEvent,
      encode: (message, context) => toMixpanelEvent(message, context, eventSettings),
      request:
        endpoint === 'import'
          ? {
              url: `${base}/import?strict=1${credentials.importQuery}`,
              headers: { ...json, authorization: credentials.authorization },
              gzip,
            }
          : { url: `${base}/track?ip=0&verbose=1`, headers: json, gzip: false },
    },
    credentials.secrets,
  )
  const profiles = lane(
    {
      name: MIXPANEL_LANES.profiles,
      limits: MIXPANEL_PROFILE_LIMITS,
      accepts: (message) => message.type === 'identify',
      encode: (message, context) => toMixpanelProfileUpdate(message, context, profileSettings),
      request: { url: `${base}/engage?ip=0&verbose=1`, headers: json, gzip: false },
    },
    credentials.secrets,
  )
  const groups = lane(
    {
      name: MIXPANEL_LANES.groups,
      limits: MIXPANEL_PROFILE_LIMITS,
      accepts: (message) => message.type === 'group',
      encode: (message) => toMixpanelGroupUpdate(message, profileSettings),
      request: { url: `${base}/groups?verbose=1`, headers: json, gzip: false },
    },
    credentials.secrets,
  )
  return {
    kind: 'set',
    members: [events, profiles, groups].map((destination) => ({ destination, name: destination.name, middleware: [] })),
  }
}
