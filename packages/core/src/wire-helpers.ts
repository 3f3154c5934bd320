import type { EncodeContext } from './destination.js'
import { base64 } from './platform/base64.js'
import type { Message } from './spec/message.js'

/** `Basic base64("<user>:<password>")`, the HTTP Basic authorization header value. */
export function basicAuthHeader(user: string, password = ''): string {
  return `Basic ${base64(`${user}:${password}`)}`
}

/**
 * Joins already-encoded JSON items into a batch body without parsing them again:
 * `{"<key>":[item,item],...extra}`. `extra` members are serialized after the array.
 */
export function batchBody(key: string, items: readonly string[], extra: Record<string, unknown> = {}): string {
  let tail = ''
  for (const name of Object.keys(extra)) {
    if (extra[name] === undefined) continue
    tail += `,${JSON.stringify(name)}:${JSON.stringify(extra[name])}`
  }
  return `{${JSON.stringify(key)}:[${items.join(',')}]${tail}}`
}

/**
 * Appends one member to the JSON text of a non-empty object without parsing it again:
 * `withMember('{"a":1}', 'b', '2')` is `{"a":1,"b":2}`. `valueJson` must be JSON text.
 */
export function withMember(objectJson: string, name: string, valueJson: string): string {
  return `${objectJson.slice(0, -1)},${JSON.stringify(name)}:${valueJson}}`
}

/**
 * `JSON.stringify(message)`, taken from the call's shared serialization when the client offers one
 * (`context.messageJson`), so that several destinations encoding the same message serialize it once.
 */
export function messageJsonOf(message: Message, context?: EncodeContext): string {
  return context?.messageJson?.(message) ?? JSON.stringify(message)
}
