import { isFilledDefault, runtimeNodeVersion, type EncodeContext, type JsonObject, type Message } from '@polytrack/core/adapter'

const NODE_VERSION = runtimeNodeVersion()

const isEmpty = (value: object): boolean => Object.keys(value).length === 0

/**
 * Translates a Segment-spec message into RudderStack's event as rudder-sdk-node builds it:
 * the spec fields plus `channel: "server"`, `originalTimestamp` (the call time), `_metadata.nodeVersion`, and,
 * for identify, the traits copied into `context.traits`. Like that SDK, it sends what the caller
 * gave and leaves out what it did not: `properties` and `traits` the core filled in (an explicit
 * `properties: {}` is sent, as the SDK sends it), an empty `integrations` map (RudderStack reads a
 * missing map as "all destinations"), and a `timestamp` the caller did not give (the server then
 * derives it from `originalTimestamp` and `sentAt`, correcting the client's clock skew). An alias
 * carries its `traits` when given (RudderStack's alias takes them).
 * The per-message `sentAt` is added when the request is built. Pure.
 */
export function toRudderStackMessage(message: Message, context: EncodeContext): Record<string, unknown> {
  // Built member by member in the message's key order (no spread-then-delete: an object that had
  // members deleted becomes a slow dictionary for V8, and serializes slower).
  const source = message as unknown as Record<string, unknown>
  // (`'traits' in message`: a middleware may have removed the member.)
  const traitsInContext = message.type === 'identify' && 'traits' in message && !isFilledDefault(message.traits)
  const item: Record<string, unknown> = {}
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue
    const value = source[key]
    if (key === 'timestamp' && !context.timestampGiven) continue
    if (key === 'integrations' ? isEmpty(value as object) : (key === 'properties' || key === 'traits') && isFilledDefault(value)) continue
    const member = key === 'context' && traitsInContext ? { ...message.context, traits: message.traits as JsonObject } : value
    // A `__proto__` member (data a middleware may add) is defined, not assigned, as a spread would.
    if (key === '__proto__') Object.defineProperty(item, key, { value: member, enumerable: true, writable: true, configurable: true })
    else item[key] = member
  }
  if (traitsInContext && !('context' in item)) item.context = { ...message.context, traits: message.traits as JsonObject }
  item.channel = 'server'
  item.originalTimestamp = context.callTime
  item._metadata = { nodeVersion: NODE_VERSION }
  return item
}

/** Encodes one message as the JSON text of a batch item; {@link withSentAt} stamps it when sent. */
export function encodeRudderStackMessage(message: Message, context: EncodeContext): string {
  return JSON.stringify(toRudderStackMessage(message, context))
}

/** Adds the per-message `sentAt` that RudderStack's SDK stamps at flush time. */
export function withSentAt(item: string, sentAt: string): string {
  return `${item.slice(0, -1)},"sentAt":"${sentAt}"}`
}
