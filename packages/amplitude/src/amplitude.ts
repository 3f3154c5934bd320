import {
  batchBody,
  ConfigError,
  endpointUrl,
  LIBRARY,
  optionalBoolean,
  protectSecrets,
  readOptions,
  requiredKey,
  requireIdentity,
  utf8ByteLength,
  type Destination,
  type Message,
} from '@polytrack/core/adapter'
import {
  AMPLITUDE_BATCH_LIMITS,
  AMPLITUDE_DEFAULT_GROUP_TYPE,
  AMPLITUDE_DEFAULTS,
  AMPLITUDE_HINTS,
  AMPLITUDE_HOSTS,
  AMPLITUDE_LIMITS,
  AMPLITUDE_MIN_ID_LENGTH,
  AMPLITUDE_OPTION_NAMES,
  type AmplitudeOptions,
} from './amplitude-options.js'
import { amplitudeVerdicts } from './amplitude-answers.js'
import { encodeAmplitudeEvent, type AmplitudeEventSettings } from './to-amplitude-event.js'

/** Names the integrations map uses for Amplitude. */
export const AMPLITUDE_INTEGRATION_NAMES = ['Amplitude', 'amplitude'] as const

function minIdLengthOf(value: unknown): number {
  if (value === undefined) return AMPLITUDE_MIN_ID_LENGTH
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new ConfigError('minIdLength', 'must be a whole number of at least 1')
  return value
}

/**
 * An Amplitude destination: `POST {host}/2/httpapi` (HTTP V2 API), or `{host}/batch` with
 * `useBatch`, with `{api_key, events, options, client_upload_time}`, the body
 * @amplitude/analytics-node sends, and one event per call (track → the event; identify →
 * `$identify`; group → `$groupidentify`; page/screen → `[Amplitude] Page Viewed`/`[Amplitude] Screen
 * Viewed`; alias → `$identify` merging the previous id as a device id). Amplitude is a tool: it
 * receives a message unless the integrations map turns it off. Throws a `ConfigError` naming the
 * option for a missing key, a malformed host, an unknown zone or an unknown option.
 *
 * @example
 * new Analytics({ destination: amplitude({ apiKey: process.env.AMPLITUDE_API_KEY!, serverZone: 'EU' }) })
 */
export function amplitude(options: AmplitudeOptions): Destination {
  options = readOptions(options, AMPLITUDE_OPTION_NAMES, '', AMPLITUDE_HINTS)
  const apiKey = requiredKey(options.apiKey, 'apiKey')
  const zone = options.serverZone ?? 'US'
  if (zone !== 'US' && zone !== 'EU') throw new ConfigError('serverZone', `must be 'US' or 'EU', got ${JSON.stringify(zone)}`)
  const insecure = optionalBoolean(options.allowInsecureHttp, 'allowInsecureHttp') === true
  const base = endpointUrl(options.host ?? AMPLITUDE_HOSTS[zone], 'host', insecure)
  const useBatch = optionalBoolean(options.useBatch, 'useBatch') === true
  const minIdLength = minIdLengthOf(options.minIdLength)
  const groupType = options.groupType === undefined ? AMPLITUDE_DEFAULT_GROUP_TYPE : requiredKey(options.groupType, 'groupType')
  const settings: AmplitudeEventSettings = { minIdLength, groupType, integrationNames: AMPLITUDE_INTEGRATION_NAMES }
  const url = `${base}${useBatch ? '/batch' : '/2/httpapi'}`
  const requestOptions = minIdLength === AMPLITUDE_MIN_ID_LENGTH ? {} : { min_id_length: minIdLength }
  const headers = Object.freeze({ 'content-type': 'application/json', 'user-agent': `polytrack-node/${LIBRARY.version}` })
  const limits = useBatch ? AMPLITUDE_BATCH_LIMITS : AMPLITUDE_LIMITS
  return protectSecrets({
    name: 'amplitude',
    specificationVersion: 'v1',
    kind: 'tool',
    integrationNames: AMPLITUDE_INTEGRATION_NAMES,
    limits: { ...limits, envelopeBytes: limits.envelopeBytes + utf8ByteLength(apiKey) },
    defaults: AMPLITUDE_DEFAULTS,
    secrets: [apiKey],
    encode(message: Message) {
      // Every Amplitude event needs a user_id or device_id (a group call may come without a user).
      requireIdentity(message, 'amplitude')
      return encodeAmplitudeEvent(message, settings)
    },
    interpretAnswer: ({ status, body }, items) => amplitudeVerdicts(status, body, items),
    buildRequest(items, { sentAt }) {
      const body = `{"api_key":${JSON.stringify(apiKey)},${batchBody('events', items, { options: requestOptions, client_upload_time: sentAt }).slice(1)}`
      return { url, headers: { ...headers }, body, gzip: false }
    },
  })
}
