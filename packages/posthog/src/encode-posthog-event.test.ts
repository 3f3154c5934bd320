import { type Message } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { encodePostHogEvent, toPostHogEvent, type PostHogEventSettings } from './to-posthog-event.js'

const env = { library: LIBRARY, now: () => '2025-06-01T12:00:00.000Z' }
const settings = (disableGeoip: boolean): PostHogEventSettings => ({ groupType: 'company', integrationNames: ['PostHog'], disableGeoip })

/** A small deterministic PRNG, so the cases are the same on every run. */
function random(seed: number): () => number {
  let x = seed
  return () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32
}

const KEYS = ['plan', 'total', 'é', 'a"b', '__proto__', 'constructor', '$lib', '$is_server', '$set', 'nested', 'list', '0', 'émoji 👩‍👩‍👧']
function value(next: () => number, depth: number): unknown {
  const r = next()
  if (depth < 2 && r < 0.15)
    return Object.fromEntries(
      Array.from({ length: Math.floor(next() * 4) }, () => [KEYS[Math.floor(next() * KEYS.length)] as string, value(next, depth + 1)]),
    )
  if (depth < 2 && r < 0.25) return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1))
  if (r < 0.45) return Math.round(next() * 1e6) / 100
  if (r < 0.55) return null
  if (r < 0.6) return undefined
  if (r < 0.7) return next() < 0.5
  return `s${Math.floor(next() * 1000)}\u2028"\\</script>`
}

describe('encodePostHogEvent', () => {
  it('writes exactly the JSON of toPostHogEvent, for generated track calls and every other type', () => {
    const next = random(7)
    const messages: Message[] = []
    for (let i = 0; i < 2_000; i++) {
      const properties: Record<string, unknown> = {}
      const count = Math.floor(next() * 6)
      for (let k = 0; k < count; k++) {
        // defineProperty, so that a '__proto__' key is data, as JSON.parse would make it.
        Object.defineProperty(properties, KEYS[Math.floor(next() * KEYS.length)] as string, {
          value: value(next, 0),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      const identity = next() < 0.3 ? { anonymousId: `anon-${i}` } : { userId: `user-${i}` }
      messages.push(
        createMessage(
          'track',
          { ...identity, event: `Event ${i % 7}`, properties: properties as never, messageId: next() < 0.5 ? `order-${i}` : undefined },
          env,
        ),
      )
    }
    messages.push(createMessage('identify', { userId: 'u', traits: { plan: 'pro' } }, env))
    messages.push(createMessage('page', { anonymousId: 'a', name: 'Home', properties: { path: '/' } }, env))
    messages.push(createMessage('group', { userId: 'u', groupId: 'g', traits: { name: 'Acme' } }, env))
    messages.push(createMessage('alias', { userId: 'u', previousId: 'p' }, env))
    let fastPath = 0
    for (const message of messages) {
      for (const disableGeoip of [false, true]) {
        expect(encodePostHogEvent(message, settings(disableGeoip))).toBe(JSON.stringify(toPostHogEvent(message, settings(disableGeoip))))
      }
      if (message.type === 'track' && !['$lib', '$is_server'].some((k) => Object.hasOwn(message.properties, k))) fastPath++
    }
    // Both routes ran: properties without the added names (written without a copy) and with them.
    expect(fastPath).toBeGreaterThan(500)
    expect(fastPath).toBeLessThan(messages.length - 500)
  })

  it('falls back to the object path for shapes a middleware may hand over, with the same outcome', () => {
    const base = () =>
      createMessage('track', { userId: 'u', event: 'E', properties: { plan: 'pro' } }, env) as unknown as Record<string, unknown>
    const withToJson = { plan: 'pro' }
    Object.defineProperty(withToJson, 'toJSON', { value: () => 'X', enumerable: false })
    const shapes: [string, (m: Record<string, unknown>) => void][] = [
      ['library without a version', (m) => (m.context = { library: { name: 'my-sdk' } })],
      ['library as a string', (m) => (m.context = { library: 'x' })],
      ['no context', (m) => delete m.context],
      ['properties deleted', (m) => delete m.properties],
      ['properties with a non-enumerable toJSON', (m) => (m.properties = withToJson)],
      [
        'properties of a class',
        (m) =>
          (m.properties = new (class Bag {
            plan = 'pro'
          })()),
      ],
      ['event deleted', (m) => delete m.event],
      ['no distinct id', (m) => delete m.userId],
      ['numeric timestamp', (m) => (m.timestamp = 0)],
    ]
    for (const [label, change] of shapes) {
      const message = base()
      change(message)
      const outcome = (f: () => string) => {
        try {
          return { text: f() }
        } catch (error) {
          return { threw: (error as Error).constructor.name }
        }
      }
      const fast = outcome(() => encodePostHogEvent(message as unknown as Message, settings(false)))
      const reference = outcome(() => JSON.stringify(toPostHogEvent(message as unknown as Message, settings(false))))
      expect(fast, label).toEqual(reference)
      if (fast.text !== undefined) expect(() => JSON.parse(fast.text as string), label).not.toThrow()
    }
  })
})
