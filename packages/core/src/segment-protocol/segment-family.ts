import type { Destination, DestinationDefaults, DestinationKind, DestinationLimits, EncodeContext } from '../destination.js'
import { SPECIFICATION_VERSION } from '../destination.js'
import { protectSecrets } from '../config/protect-secrets.js'
import { LIBRARY } from '../library-info.js'
import type { Message } from '../spec/message.js'
import { basicAuthHeader, batchBody } from '../wire-helpers.js'
import { encodeSegmentItem, type SegmentItemShape } from './segment-item.js'
import { requireIdentity } from '../spec/require-identity.js'

/** What one vendor of the Segment-protocol family is: its configuration and its real differences. */
export interface SegmentFamilyConfig extends SegmentItemShape {
  /** Short stable name used in events and reports, e.g. `hightouch`. */
  name: string
  /** Names it answers to in the integrations map. */
  integrationNames: readonly string[]
  /** Routing role. Default `'pipeline'` (a CDP routes downstream by the map itself). */
  kind?: DestinationKind
  /** The write key: the Basic auth user name (checked by the adapter, e.g. with `requiredKey`). */
  writeKey: string
  /** The batch endpoint, e.g. `https://api.segment.io/v1/batch`. */
  url: string
  limits: DestinationLimits
  defaults?: DestinationDefaults
  /** Members of the body besides `batch`, for the request being sent (e.g. `{ sentAt }`). Default none. */
  envelope?: (sentAt: string) => Record<string, unknown>
  /** Headers beyond content type, user agent and authorization (e.g. `x-strict-mode`). */
  headers?: Readonly<Record<string, string>>
  /** Gzip request bodies. Default `false`. */
  gzip?: boolean
  /** Replaces the item encoding, for a vendor whose items are not the Segment shape (RudderStack's). Pure. */
  encode?: (message: Message, context: EncodeContext) => string
  /** Rewrites each encoded item when a request is built (e.g. a per-item `sentAt`). Pure. */
  stampItem?: (item: string, sentAt: string) => string
}

/**
 * A destination of the Segment-protocol family: `POST <url>` with HTTP Basic auth (the write key
 * as user name, empty password), JSON `{"batch":[…], …envelope}`, items in the Segment message
 * shape (see {@link encodeSegmentItem}). Segment, Hightouch, Customer.io and RudderStack are this
 * plus their configuration; the adapter validates its options and calls this. Keys are protected
 * (`protectSecrets`). A message without `userId` and `anonymousId` (a group call without a user) is
 * refused with a `ValidationError`. Pure.
 */
export function segmentFamily(config: SegmentFamilyConfig): Destination {
  const headers = Object.freeze({
    'content-type': 'application/json',
    authorization: basicAuthHeader(config.writeKey),
    'user-agent': `polytrack-node/${LIBRARY.version}`,
    ...config.headers,
  })
  const { url, envelope, stampItem } = config
  const gzip = config.gzip === true
  const encodeItem = config.encode ?? ((message: Message, context: EncodeContext) => encodeSegmentItem(message, shape, context))
  const shape: SegmentItemShape = {
    ...(config.metadataJson === undefined ? {} : { metadataJson: config.metadataJson }),
    ...(config.pageCategoryInProperties === undefined ? {} : { pageCategoryInProperties: config.pageCategoryInProperties }),
    ...(config.overrides === undefined ? {} : { overrides: config.overrides }),
  }
  return protectSecrets({
    specificationVersion: SPECIFICATION_VERSION,
    name: config.name,
    kind: config.kind ?? 'pipeline',
    integrationNames: config.integrationNames,
    limits: config.limits,
    ...(config.defaults === undefined ? {} : { defaults: config.defaults }),
    secrets: [config.writeKey],
    encode(message: Message, context: EncodeContext) {
      // The Segment protocol needs a user on every message (a group call may come without one).
      requireIdentity(message, config.name)
      return encodeItem(message, context)
    },
    buildRequest(items, { sentAt }) {
      const batch = stampItem === undefined ? items : items.map((item) => stampItem(item, sentAt))
      return { url, headers: { ...headers }, body: batchBody('batch', batch, envelope?.(sentAt)), gzip }
    },
  })
}

/** `_metadata` as the Node SDKs of the Segment family send it: `{ nodeVersion, jsRuntime: 'node' }`, as JSON text. */
export function nodeMetadataJson(nodeVersion: string): string {
  return JSON.stringify({ nodeVersion, jsRuntime: 'node' })
}
