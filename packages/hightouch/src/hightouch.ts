import { basicAuthHeader, batchBody, endpointUrl, LIBRARY, requiredKey, type Destination, type EncodeContext, type Message, protectSecrets } from '@polytrack/core'
import { encodeHightouchMessage } from './to-hightouch-message.js'
import { HIGHTOUCH_DEFAULTS, HIGHTOUCH_HOST, HIGHTOUCH_LIMITS, type HightouchOptions } from './hightouch-options.js'

/**
 * A Hightouch Events destination: `POST {host}/v1/batch` with Basic auth (write key as user name)
 * and `{batch, sentAt}`, the body Hightouch's Node SDK sends. Hightouch is a pipeline: it receives
 * every message and routes by the `integrations` map, which travels unchanged.
 * Throws a `ConfigError` for a missing key or a malformed host.
 *
 * @example
 * new Analytics({ destination: hightouch({ writeKey }) })
 */
export function hightouch(options: HightouchOptions): Destination {
  const writeKey = requiredKey(options?.writeKey, 'writeKey')
  const base = endpointUrl(options.host ?? HIGHTOUCH_HOST, 'host', options.allowInsecureHttp === true)
  const url = `${base}/v1/batch`
  const headers = Object.freeze({
    'content-type': 'application/json',
    authorization: basicAuthHeader(writeKey),
    'user-agent': `polytrack-node/${LIBRARY.version}`,
  })
  return protectSecrets({
    name: 'hightouch',
    specificationVersion: 'v1',
    kind: 'pipeline',
    integrationNames: ['Hightouch', 'Hightouch Events'],
    limits: HIGHTOUCH_LIMITS,
    defaults: HIGHTOUCH_DEFAULTS,
    secrets: [writeKey],
    encode: (message: Message, context: EncodeContext) => encodeHightouchMessage(message, context),
    buildRequest(items, { sentAt }) {
      return { url, headers: { ...headers }, body: batchBody('batch', items, { sentAt }), gzip: false }
    },
  })
}
