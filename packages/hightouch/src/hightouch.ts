import {
  endpointUrl,
  nodeMetadataJson,
  readOptions,
  requiredKey,
  runtimeNodeVersion,
  segmentFamily,
  type Destination,
} from '@polytrack/core/adapter'
import {
  HIGHTOUCH_DEFAULTS,
  HIGHTOUCH_HINTS,
  HIGHTOUCH_HOST,
  HIGHTOUCH_LIMITS,
  HIGHTOUCH_OPTIONS,
  type HightouchOptions,
} from './hightouch-options.js'

/**
 * A Hightouch Events destination: `POST {host}/v1/batch` with Basic auth (write key as user name)
 * and `{batch, sentAt}`, the body Hightouch's Node SDK sends. Hightouch is a pipeline: it receives
 * every message and routes by the `integrations` map, which travels unchanged.
 * Throws a `ConfigError` for a missing key, a malformed host or an unknown option.
 *
 * @example
 * new Analytics({ destination: hightouch({ writeKey }) })
 */
export function hightouch(options: HightouchOptions): Destination {
  options = readOptions(options, HIGHTOUCH_OPTIONS, '', HIGHTOUCH_HINTS)
  return segmentFamily({
    name: 'hightouch',
    integrationNames: ['Hightouch', 'Hightouch Events'],
    writeKey: requiredKey(options.writeKey, 'writeKey'),
    url: `${endpointUrl(options.host ?? HIGHTOUCH_HOST, 'host', options.allowInsecureHttp === true)}/v1/batch`,
    limits: HIGHTOUCH_LIMITS,
    defaults: HIGHTOUCH_DEFAULTS,
    metadataJson: nodeMetadataJson(runtimeNodeVersion()),
    pageCategoryInProperties: true,
    envelope: (sentAt) => ({ sentAt }),
  })
}
