import {
  nodeMetadataJson,
  readOptions,
  regionalHost,
  requiredKey,
  runtimeNodeVersion,
  segmentFamily,
  utf8ByteLength,
  type Destination,
} from '@polytrack/core/adapter'
import { SEGMENT_DEFAULTS, SEGMENT_HINTS, SEGMENT_HOSTS, SEGMENT_LIMITS, SEGMENT_OPTIONS, type SegmentOptions } from './segment-options.js'

/**
 * A Segment destination: `POST {host}/v1/batch` with Basic auth (write key as user name) and
 * `{batch, writeKey, sentAt}`, the body @segment/analytics-node sends. Segment is a CDP pipeline:
 * it receives every message and routes downstream by the `integrations` map, which travels unchanged.
 * Throws a `ConfigError` for a missing key, a malformed host, an unknown region or an unknown option.
 *
 * @example
 * new Analytics({ destination: segment({ writeKey }) })
 */
export function segment(options: SegmentOptions): Destination {
  options = readOptions(options, SEGMENT_OPTIONS, '', SEGMENT_HINTS)
  const writeKey = requiredKey(options.writeKey, 'writeKey')
  return segmentFamily({
    name: 'segment',
    integrationNames: ['Segment', 'Segment.io'],
    writeKey,
    url: `${regionalHost(options, SEGMENT_HOSTS, 'us')}/v1/batch`,
    // The envelope carries the write key too.
    limits: { ...SEGMENT_LIMITS, envelopeBytes: SEGMENT_LIMITS.envelopeBytes + utf8ByteLength(JSON.stringify(writeKey)) },
    defaults: SEGMENT_DEFAULTS,
    // @segment/analytics-node 3.x: `process.version` keeps its `v`; a page's category is copied into its properties.
    metadataJson: nodeMetadataJson(runtimeNodeVersion() && `v${runtimeNodeVersion()}`),
    pageCategoryInProperties: true,
    envelope: (sentAt) => ({ writeKey, sentAt }),
  })
}
