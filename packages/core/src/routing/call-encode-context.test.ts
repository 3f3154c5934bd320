import { describe, expect, it } from 'vitest'
import { Analytics } from '../analytics.js'
import type { Destination, EncodeContext } from '../destination.js'
import type { DestinationSet } from '../destination-set.js'
import type { Message } from '../spec/message.js'
import { messageJsonOf } from '../wire-helpers.js'
import { CallEncodeContext } from './call-encode-context.js'

describe('CallEncodeContext', () => {
  it('serializes a message once and again only for another message object', () => {
    let serialized = 0
    const counted = (id: string) => ({ messageId: id, toJSON: () => (serialized++, { id }) }) as unknown as Message
    const context = new CallEncodeContext('2025-01-01T00:00:00.000Z', false)
    const a = counted('a')
    expect(context.messageJson(a)).toBe('{"id":"a"}')
    expect(context.messageJson(a)).toBe('{"id":"a"}')
    expect(serialized).toBe(1)
    expect(context.messageJson(counted('b'))).toBe('{"id":"b"}')
    expect(serialized).toBe(2)
  })

  it('messageJsonOf falls back to JSON.stringify without a shared serialization', () => {
    const message = { type: 'track', event: 'E' } as unknown as Message
    expect(messageJsonOf(message)).toBe('{"type":"track","event":"E"}')
    expect(messageJsonOf(message, { callTime: 'x', timestampGiven: false })).toBe('{"type":"track","event":"E"}')
  })
})

describe('one serialization per call across destinations', () => {
  /** A destination that records the JSON text its context offers; no network (flushAt is never reached). */
  function recording(name: string, seen: { name: string; json: string | undefined; context: EncodeContext }[]): Destination {
    return {
      name,
      specificationVersion: 'v1',
      kind: 'tool',
      integrationNames: [name],
      limits: { messageBytes: 32_000, batchBytes: 500_000, batchMessages: 100 },
      secrets: [],
      encode(message, context) {
        seen.push({ name, json: context.messageJson?.(message), context })
        return messageJsonOf(message, context)
      },
      buildRequest: () => ({ url: 'http://127.0.0.1:9/unused', headers: {}, body: '{}', gzip: false }),
    }
  }

  it('gives every member the same context and message JSON; a middleware lane is serialized apart', async () => {
    const seen: { name: string; json: string | undefined; context: EncodeContext }[] = []
    const set: DestinationSet = {
      kind: 'set',
      members: [
        { name: 'a', destination: recording('a', seen), middleware: [] },
        { name: 'b', destination: recording('b', seen), middleware: [] },
        { name: 'c', destination: recording('c', seen), middleware: [(m) => ({ ...m, event: 'Renamed' }) as Message] },
      ],
    }
    const analytics = new Analytics({ destination: set, flushAt: 100, flushIntervalMs: 60_000 })
    analytics.track({ userId: 'u1', event: 'Order Completed', properties: { total: 9.99 } })
    expect(seen.map((s) => s.name)).toEqual(['a', 'b', 'c'])
    expect(seen[0]?.context).toBe(seen[1]?.context)
    expect(JSON.parse(seen[0]?.json ?? '')).toMatchObject({ userId: 'u1', event: 'Order Completed', properties: { total: 9.99 } })
    expect(seen[1]?.json).toBe(seen[0]?.json)
    // The middleware lane gets its own context, without the shared serialization.
    expect(seen[2]?.context).not.toBe(seen[0]?.context)
    expect(seen[2]?.json).toBeUndefined()
    await analytics.close({ timeoutMs: 0 })
  })

  it('serializes a middleware output apart even when the middleware hands the same object to every lane', async () => {
    const seen: { name: string; json: string | undefined; context: EncodeContext }[] = []
    const shared = {} as Record<string, unknown>
    const reuse = (tag: string) => (m: Message) => Object.assign(shared, m, { event: tag }) as unknown as Message
    const set: DestinationSet = {
      kind: 'set',
      members: [
        { name: 'a', destination: recording('a', seen), middleware: [reuse('for-a')] },
        { name: 'b', destination: recording('b', seen), middleware: [reuse('for-b')] },
      ],
    }
    const encoded: string[] = []
    for (const member of set.members) {
      const encode = member.destination.encode.bind(member.destination)
      ;(member.destination as { encode: Destination['encode'] }).encode = (message, context) => {
        const text = encode(message, context)
        encoded.push(text)
        return text
      }
    }
    const analytics = new Analytics({ destination: set, flushAt: 100, flushIntervalMs: 60_000 })
    analytics.track({ userId: 'u1', event: 'Original' })
    expect(encoded.map((text) => (JSON.parse(text) as { event: string }).event)).toEqual(['for-a', 'for-b'])
    await analytics.close({ timeoutMs: 0 })
  })
})
