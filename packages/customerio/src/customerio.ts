import {
  nodeMetadataJson,
  readOptions,
  regionalHost,
  requiredKey,
  runtimeNodeVersion,
  segmentFamily,
  type Destination,
  type Message,
} from '@polytrack/core/adapter'
import { objectTypeIdOption } from './object-type-id.js'
import {
  CUSTOMERIO_DEFAULTS,
  CUSTOMERIO_HINTS,
  CUSTOMERIO_HOSTS,
  CUSTOMERIO_LIMITS,
  CUSTOMERIO_OPTIONS,
  type CustomerIoOptions,
} from './customerio-options.js'

/**
 * A Customer.io (Data Pipelines) destination: `POST {host}/v1/batch` with Basic auth (API key as
 * user name) and `{batch}`, the body @customerio/cdp-analytics-node sends. Groups are Customer.io
 * objects; their type travels as `traits.objectTypeId` (Customer.io assumes 1 when absent).
 * Customer.io is a pipeline: it receives every message and routes by the `integrations` map.
 * Throws a `ConfigError` for a missing key, a malformed host, an unknown region, a bad `objectTypeId`
 * or an unknown option.
 *
 * @example
 * new Analytics({ destination: customerio({ writeKey, region: 'eu' }) })
 */
export function customerio(options: CustomerIoOptions): Destination {
  options = readOptions(options, CUSTOMERIO_OPTIONS, '', CUSTOMERIO_HINTS)
  const writeKey = requiredKey(options.writeKey, 'writeKey')
  const objectTypeId = objectTypeIdOption(options.objectTypeId)
  return segmentFamily({
    name: 'customerio',
    integrationNames: ['Customer.io', 'Customerio', 'Customer.io Data Pipelines'],
    writeKey,
    url: `${regionalHost(options, CUSTOMERIO_HOSTS, 'us')}/v1/batch`,
    limits: CUSTOMERIO_LIMITS,
    defaults: CUSTOMERIO_DEFAULTS,
    ...(options.strictMode === true ? { headers: { 'x-strict-mode': '1' } } : {}),
    // @customerio/cdp-analytics-node: `process.versions.node` (no `v`), a page's category in its
    // properties, and the configured object type on groups whose traits carry none.
    metadataJson: nodeMetadataJson(runtimeNodeVersion()),
    pageCategoryInProperties: true,
    ...(objectTypeId === undefined ? {} : { overrides: (message: Message) => withObjectType(message, objectTypeId) }),
  })
}

/** A group's traits with `objectTypeId` when they carry none; `undefined` for anything else. Pure. */
function withObjectType(message: Message, objectTypeId: string): Record<string, unknown> | undefined {
  if (message.type !== 'group' || message.traits.objectTypeId !== undefined) return undefined
  return { traits: { ...message.traits, objectTypeId } }
}
