import { type EncodeContext, type JsonObject, type Message } from '@polytrack/core'
import { createMessage, isFilledDefault, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { encodeRudderStackMessage } from './to-rudderstack-message.js'

const env = { library: LIBRARY, now: () => '2025-06-01T12:00:00.000Z' }

/** The translation as first written (spread, then delete): the oracle the faster one must match byte for byte. */
function reference(message: Message, context: EncodeContext): string {
  const isEmpty = (value: object): boolean => Object.keys(value).length === 0
  const item: Record<string, unknown> = { ...message }
  if (!context.timestampGiven) delete item.timestamp
  if (isEmpty(message.integrations)) delete item.integrations
  if ('properties' in message && isFilledDefault(message.properties)) delete item.properties
  if ('traits' in message) {
    if (isFilledDefault(message.traits)) delete item.traits
    else if (message.type === 'identify') item.context = { ...message.context, traits: message.traits as JsonObject }
  }
  item.channel = 'server'
  item.originalTimestamp = context.callTime
  item._metadata = { nodeVersion: process.versions.node }
  return JSON.stringify(item)
}

describe('encodeRudderStackMessage', () => {
  it('writes the same text as the spread-and-delete translation, for every call type and shape', () => {
    const maps: Record<string, boolean>[] = [{}, { All: false, Amplitude: true }]
    const bags: JsonObject[] = [{}, { plan: 'pro', n: 1, nested: { a: [1, null] } }]
    const contexts: (JsonObject | undefined)[] = [undefined, { ip: '1.2.3.4' }, { traits: { old: true } }]
    const messages: Message[] = []
    for (const integrations of maps) {
      for (const bag of bags) {
        for (const context of contexts) {
          for (const timestamp of [undefined, '2024-01-01T00:00:00.000Z']) {
            const common = { userId: 'u1', integrations, context, timestamp }
            messages.push(
              createMessage('track', { ...common, event: 'E', properties: bag }, env),
              createMessage('identify', { ...common, traits: bag }, env),
              createMessage('page', { ...common, name: 'Home', properties: bag }, env),
              createMessage('screen', { ...common, name: 'Home', properties: bag }, env),
              createMessage('group', { ...common, groupId: 'g', traits: bag }, env),
              createMessage('alias', { ...common, previousId: 'p' }, env),
              createMessage('alias', { ...common, previousId: 'p', traits: bag }, env),
              createMessage('track', { ...common, event: 'E' }, env),
              createMessage('identify', { ...common }, env),
              createMessage('track', { anonymousId: 'a', integrations, context, timestamp, event: 'E', properties: bag }, env),
            )
          }
        }
      }
    }
    // Shapes a middleware may hand over: no context, no traits on an identify, an own `__proto__` member.
    const { context: _dropped, ...withoutContext } = createMessage('identify', { userId: 'u', traits: { plan: 'pro' } }, env)
    const { traits: _removed, ...withoutTraits } = createMessage('identify', { userId: 'u', traits: { email: 'a@b.c' } }, env)
    const withProtoKey = createMessage('track', { userId: 'u', event: 'E' }, env) as unknown as Record<string, unknown>
    Object.defineProperty(withProtoKey, '__proto__', { value: { injected: true }, enumerable: true, writable: true, configurable: true })
    messages.push(withoutContext as unknown as Message, withoutTraits as unknown as Message, withProtoKey as unknown as Message)
    for (const message of messages) {
      for (const timestampGiven of [false, true]) {
        const context = { callTime: '2025-06-01T12:00:00.001Z', timestampGiven }
        expect(encodeRudderStackMessage(message, context)).toBe(reference(message, context))
      }
    }
    expect(messages.length).toBe(243)
  })
})
