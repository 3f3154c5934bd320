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
import { objectTypeIdOption } from './object-type-id.js'
import { encodeCustomerIoMessage } from './to-customerio-message.js'
import { CUSTOMERIO_DEFAULTS, CUSTOMERIO_HOSTS, CUSTOMERIO_LIMITS, type CustomerIoOptions } from './customerio-options.js'

/**
 * A Customer.io (Data Pipelines) destination: `POST {host}/v1/batch` with Basic auth (API key as
 * user name) and `{batch}`, the body @customerio/cdp-analytics-node sends. Groups are Customer.io
 * objects; their type travels as `traits.objectTypeId` (Customer.io assumes 1 when absent).
 * Customer.io is a pipeline: it receives every message and routes by the `integrations` map.
 * Throws a `ConfigError` for a missing key, a malformed host, an unknown region or a bad `objectTypeId`.
 *
 * @example
 * new Analytics({ destination: customerio({ writeKey, region: 'eu' }) })
 */
export function customerio(options: CustomerIoOptions): Destination {
  const writeKey = requiredKey(options?.writeKey, 'writeKey')
  const region = options.region ?? 'us'
  if (region !== 'us' && region !== 'eu') throw new ConfigError('region', `must be 'us' or 'eu', got ${JSON.stringify(region)}`)
  const base = endpointUrl(options.host ?? CUSTOMERIO_HOSTS[region], 'host', options.allowInsecureHttp === true)
  const objectTypeId = objectTypeIdOption(options.objectTypeId)
  const url = `${base}/v1/batch`
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: basicAuthHeader(writeKey),
    'user-agent': `polytrack-node/${LIBRARY.version}`,
  }
  if (options.strictMode === true) headers['x-strict-mode'] = '1'
  Object.freeze(headers)
  return protectSecrets({
    name: 'customerio',
    specificationVersion: 'v1',
    kind: 'pipeline',
    integrationNames: ['Customer.io', 'Customerio', 'Customer.io Data Pipelines'],
    limits: CUSTOMERIO_LIMITS,
    defaults: CUSTOMERIO_DEFAULTS,
    secrets: [writeKey],
    encode: (message: Message, context: EncodeContext) => encodeCustomerIoMessage(message, objectTypeId, context),
    buildRequest(items) {
      return { url, headers: { ...headers }, body: batchBody('batch', items), gzip: false }
    },
  })
}
