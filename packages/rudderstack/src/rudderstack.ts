import { endpointUrl, readOptions, requiredKey, segmentFamily, type Destination } from '@polytrack/core/adapter'
import { encodeRudderStackMessage, withSentAt } from './to-rudderstack-message.js'
import {
  RUDDERSTACK_DEFAULTS,
  RUDDERSTACK_HINTS,
  RUDDERSTACK_LIMITS,
  RUDDERSTACK_OPTIONS,
  type RudderStackOptions,
} from './rudderstack-options.js'

/**
 * A RudderStack destination: `POST {dataPlaneUrl}/v1/batch` with Basic auth (write key as user
 * name), gzip, and the message shape of @rudderstack/rudder-sdk-node. RudderStack is a CDP
 * pipeline: it receives every message, and the `integrations` map travels unchanged for its own
 * server-side routing. Sends `Content-Type: application/json` (the SDK's gzip path mislabels its
 * JSON body as form data; see docs/vendors/rudderstack.md). Throws a `ConfigError` for a missing
 * key, a malformed URL or an unknown option.
 *
 * @example
 * new Analytics({ destination: rudderstack({ writeKey, dataPlaneUrl: 'https://acme.dataplane.rudderstack.com' }) })
 */
export function rudderstack(options: RudderStackOptions): Destination {
  options = readOptions(options, RUDDERSTACK_OPTIONS, '', RUDDERSTACK_HINTS)
  return segmentFamily({
    name: 'rudderstack',
    integrationNames: ['RudderStack', 'Rudder'],
    writeKey: requiredKey(options.writeKey, 'writeKey'),
    url: `${endpointUrl(options.dataPlaneUrl, 'dataPlaneUrl', options.allowInsecureHttp === true)}/v1/batch`,
    limits: RUDDERSTACK_LIMITS,
    defaults: RUDDERSTACK_DEFAULTS,
    gzip: options.gzip !== false,
    // Its own item shape (see to-rudderstack-message.ts), a per-item sentAt, and a batch-level timestamp.
    encode: encodeRudderStackMessage,
    stampItem: withSentAt,
    envelope: (sentAt) => ({ timestamp: sentAt, sentAt }),
  })
}
