import { messageJsonOf, withMember, type EncodeContext, type Message } from '@polytrack/core'

/** `_metadata` as @segment/analytics-node 3.x sends it (`process.version` keeps its `v`). */
const METADATA = Object.freeze({ nodeVersion: process.version, jsRuntime: 'node' })
const METADATA_JSON = JSON.stringify(METADATA)

/**
 * Translates a Segment-spec message into the item @segment/analytics-node sends: the spec fields
 * (with `integrations: {}` and `properties`/`traits` defaults), `_metadata`, and on `page` the
 * `category` copied into `properties.category`. Pure.
 */
export function toSegmentMessage(message: Message): Record<string, unknown> {
  const item: Record<string, unknown> = { ...message, _metadata: METADATA }
  if (message.type === 'page' && message.category !== undefined) {
    item.properties = { ...message.properties, category: message.category }
  }
  return item
}

/**
 * Encodes one message as the JSON text of a Segment batch item. Pure. The common case needs no
 * copy of the message: `_metadata` is appended to the message's JSON, shared with the call's
 * other destinations when `context` offers it.
 */
export function encodeSegmentMessage(message: Message, context?: EncodeContext): string {
  if (message.type === 'page' && message.category !== undefined) return JSON.stringify(toSegmentMessage(message))
  return withMember(messageJsonOf(message, context), '_metadata', METADATA_JSON)
}
