import {
  basicAuthHeader,
  batchBody,
  ConfigError,
  endpointUrl,
  LIBRARY,
  requiredKey,
  type Destination,
  type EncodeContext,
  type Message,
 protectSecrets } from '@polytrack/core'
import { encodeSegmentMessage } from './to-segment-message.js'
import { SEGMENT_DEFAULTS, SEGMENT_HOSTS, SEGMENT_LIMITS, type SegmentOptions } from './segment-options.js'

/**
 * A Segment destination: `POST {host}/v1/batch` with Basic auth (write key as user name) and
 * `{batch, writeKey, sentAt}`, the body @segment/analytics-node sends. Segment is a CDP pipeline:
 * it receives every message and routes downstream by the `integrations` map, which travels unchanged.
 * Throws a `ConfigError` for a missing key, a malformed host or an unknown region.
 *
 * @example
 * new Analytics({ destination: segment({ writeKey }) })
 */
export function segment(options: SegmentOptions): Destination {
  const writeKey = requiredKey(options?.writeKey, 'writeKey')
  const region = options.region ?? 'us'
  if (region !== 'us' && region !== 'eu') throw new ConfigError('region', `must be 'us' or 'eu', got ${JSON.stringify(region)}`)
  const base = endpointUrl(options.host ?? SEGMENT_HOSTS[region], 'host', options.allowInsecureHttp === true)
  const url = `${base}/v1/batch`
  const headers = Object.freeze({
    'content-type': 'application/json',
    authorization: basicAuthHeader(writeKey),
    'user-agent': `polytrack-node/${LIBRARY.version}`,
  })
  return protectSecrets({
    name: 'segment',
    specificationVersion: 'v1',
    kind: 'pipeline',
    integrationNames: ['Segment', 'Segment.io'],
    limits: { ...SEGMENT_LIMITS, envelopeBytes: SEGMENT_LIMITS.envelopeBytes + Buffer.byteLength(JSON.stringify(writeKey)) },
    defaults: SEGMENT_DEFAULTS,
    secrets: [writeKey],
    encode: (message: Message, context: EncodeContext) => encodeSegmentMessage(message, context),
    buildRequest(items, { sentAt }) {
      return { url, headers: { ...headers }, body: batchBody('batch', items, { writeKey, sentAt }), gzip: false }
    },
  })
}
