import type { Message } from '../spec/message.js'

/**
 * A per-destination step that may change a message or leave it out, e.g. strip PII before one
 * vendor or rename events for another. It receives its own copy of the message (changes never
 * reach other destinations) and returns the message to send, or `null`/`undefined` to leave it
 * out for this destination. If it throws, the message is dropped for this destination only and
 * an `error` event names the destination and the messageId.
 */
export type Middleware = (message: Message, info: { destination: string }) => Message | null | undefined

/** A deep copy a middleware may change freely; what it sees is what goes on the wire (Dates as ISO strings). */
export function copyForMiddleware(message: Message): Message {
  return JSON.parse(JSON.stringify(message)) as Message
}
