import { basicAuthHeader, batchBody, endpointUrl, LIBRARY, requiredKey, type Destination, type Message, protectSecrets } from '@polytrack/core'
import { encodeRudderStackMessage, withSentAt } from './to-rudderstack-message.js'
import { RUDDERSTACK_DEFAULTS, RUDDERSTACK_LIMITS, type RudderStackOptions } from './rudderstack-options.js'

/**
 * A RudderStack destination: `POST {dataPlaneUrl}/v1/batch` with Basic auth (write key as user
 * name), gzip, and the message shape of @rudderstack/rudder-sdk-node. RudderStack is a CDP
 * pipeline: it receives every message, and the `integrations` map travels unchanged for its own
 * server-side routing. Sends `Content-Type: application/json` (the SDK's gzip path mislabels its
 * JSON body as form data; see docs/vendors/rudderstack.md). Throws a `ConfigError` for a missing key or a malformed URL.
 *
 * @example
 * new Analytics({ destination: rudderstack({ writeKey, dataPlaneUrl: 'https://acme.dataplane.rudderstack.com' }) })
 */
export function rudderstack(options: RudderStackOptions): Destination {
  const writeKey = requiredKey(options?.writeKey, 'writeKey')
  const base = endpointUrl(options.dataPlaneUrl, 'dataPlaneUrl', options.allowInsecureHttp === true)
  const url = `${base}/v1/batch`
  const gzip = options.gzip !== false
  const headers = Object.freeze({
    'content-type': 'application/json',
    authorization: basicAuthHeader(writeKey),
    'user-agent': `polytrack-node/${LIBRARY.version}`,
  })
  return protectSecrets({
    name: 'rudderstack',
    specificationVersion: 'v1',
    kind: 'pipeline',
    integrationNames: ['RudderStack', 'Rudder'],
    limits: RUDDERSTACK_LIMITS,
    defaults: RUDDERSTACK_DEFAULTS,
    secrets: [writeKey],
    encode: (message: Message, context) => encodeRudderStackMessage(message, context),
    buildRequest(items, { sentAt }) {
      const stamped = items.map((item) => withSentAt(item, sentAt))
      return { url, headers: { ...headers }, body: batchBody('batch', stamped, { timestamp: sentAt, sentAt }), gzip }
    },
  })
}
