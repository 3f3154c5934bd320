import type { EncodeContext } from '../destination.js'
import type { Message } from '../spec/message.js'
import { messageJsonOf, withMember } from '../wire-helpers.js'

/** How a Segment-family SDK shapes each item beyond the message itself. */
export interface SegmentItemShape {
  /** `_metadata` as the vendor's SDK sends it, as JSON text (e.g. `{"nodeVersion":"20.1.0","jsRuntime":"node"}`), or none. */
  metadataJson?: string
  /** Copy a page's `category` into `properties.category`, as @segment/analytics-node and its forks do. */
  pageCategoryInProperties?: boolean
  /** Members to set over the message's own for this message (a vendor quirk), or `undefined` for none. Pure. */
  overrides?: (message: Message) => Record<string, unknown> | undefined
}

/**
 * Encodes one message as the JSON text of a Segment-protocol batch item: the message (spec fields,
 * `integrations` and `properties`/`traits` defaults), then `_metadata`, with a page's category in
 * its properties and the shape's overrides, and without an alias's `traits` (the Segment spec's
 * alias has none). The common case copies nothing: `_metadata` is appended to the message's JSON,
 * shared with the call's other destinations when `context` offers it. Pure.
 */
export function encodeSegmentItem(message: Message, shape: SegmentItemShape, context?: EncodeContext): string {
  const overrides = shape.overrides?.(message)
  const category = shape.pageCategoryInProperties === true && message.type === 'page' && message.category !== undefined
  // RudderStack's alias takes traits (it encodes its own items); the Segment protocol's alias has none.
  const aliasTraits = message.type === 'alias' && message.traits !== undefined
  if (overrides === undefined && !category && !aliasTraits) {
    const json = messageJsonOf(message, context)
    return shape.metadataJson === undefined ? json : withMember(json, '_metadata', shape.metadataJson)
  }
  const item: Record<string, unknown> = { ...message }
  if (shape.metadataJson !== undefined) item._metadata = JSON.parse(shape.metadataJson) as unknown
  if (category && message.type === 'page') item.properties = { ...message.properties, category: message.category }
  if (aliasTraits) delete item.traits
  if (overrides !== undefined) Object.assign(item, overrides)
  return JSON.stringify(item)
}
