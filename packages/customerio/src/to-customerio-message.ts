import { messageJsonOf, withMember, type EncodeContext, type Message } from '@polytrack/core'

/** `_metadata` as @customerio/cdp-analytics-node sends it (`process.versions.node`, no `v`). */
const METADATA = Object.freeze({ nodeVersion: process.versions.node, jsRuntime: 'node' })
const METADATA_JSON = JSON.stringify(METADATA)

/**
 * Translates a Segment-spec message into the item @customerio/cdp-analytics-node sends: the spec
 * fields (with `integrations: {}` and `properties`/`traits` defaults), `_metadata`, on `page` the
 * `category` copied into `properties.category`, and on `group` `traits.objectTypeId` set to
 * `objectTypeId` when given and the traits carry none. Pure.
 */
export function toCustomerIoMessage(message: Message, objectTypeId?: string): Record<string, unknown> {
  const item: Record<string, unknown> = { ...message, _metadata: METADATA }
  if (message.type === 'page' && message.category !== undefined) {
    item.properties = { ...message.properties, category: message.category }
  }
  if (message.type === 'group' && objectTypeId !== undefined && message.traits.objectTypeId === undefined) {
    item.traits = { ...message.traits, objectTypeId }
  }
  return item
}

/** Encodes one message as the JSON text of a Customer.io batch item (the message JSON shared through `context` when offered). Pure. */
export function encodeCustomerIoMessage(message: Message, objectTypeId?: string, context?: EncodeContext): string {
  const copies = (message.type === 'page' && message.category !== undefined) || (message.type === 'group' && objectTypeId !== undefined)
  // The common case needs no copy of the message: append `_metadata` to its JSON.
  return copies ? JSON.stringify(toCustomerIoMessage(message, objectTypeId)) : withMember(messageJsonOf(message, context), '_metadata', METADATA_JSON)
}
