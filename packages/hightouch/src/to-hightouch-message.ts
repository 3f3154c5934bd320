import { messageJsonOf, withMember, type EncodeContext, type Message } from '@polytrack/core'

/** `_metadata` as Hightouch's Node SDK sends it. */
const METADATA = Object.freeze({ nodeVersion: process.versions.node, jsRuntime: 'node' })
const METADATA_JSON = JSON.stringify(METADATA)

/**
 * Translates a Segment-spec message into the item Hightouch's Node SDK sends (the Segment shape):
 * the spec fields (with `integrations: {}` and `properties`/`traits` defaults), `_metadata`, and on
 * `page` the `category` copied into `properties.category`. Pure.
 */
export function toHightouchMessage(message: Message): Record<string, unknown> {
  const item: Record<string, unknown> = { ...message, _metadata: METADATA }
  if (message.type === 'page' && message.category !== undefined) {
    item.properties = { ...message.properties, category: message.category }
  }
  return item
}

/** Encodes one message as the JSON text of a Hightouch batch item (the message JSON shared through `context` when offered). Pure. */
export function encodeHightouchMessage(message: Message, context?: EncodeContext): string {
  // The common case needs no copy of the message: append `_metadata` to its JSON.
  if (message.type === 'page' && message.category !== undefined) return JSON.stringify(toHightouchMessage(message))
  return withMember(messageJsonOf(message, context), '_metadata', METADATA_JSON)
}
