// The client-wide `context` option (the Go SDKs' DefaultContext): deep-merged under each call's
// context, the call winning; `library` is always the client's; checked and copied once.
import { describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ConfigError } from '../src/errors.js'
import { LIBRARY } from '../src/library-info.js'
import { createMessage } from '../src/spec/create-message.js'
import { mergeContexts } from '../src/spec/merge-context.js'
import { defaultContext } from '../src/client/default-context.js'
import { testDestination } from './helpers/test-destination.js'
import { testSink } from './helpers/test-sink.js'

const defaults = { app: { name: 'shop', version: '1.4.2', build: { number: 7 } }, locale: 'en-GB', tags: ['a'] }

describe('mergeContexts', () => {
  it('merges objects key by key, at any depth; the call wins for anything else', () => {
    expect(mergeContexts(defaults, { app: { version: '1.5.0', build: { commit: 'abc' } }, tags: ['b'], locale: null })).toEqual({
      app: { name: 'shop', version: '1.5.0', build: { number: 7, commit: 'abc' } },
      locale: null,
      tags: ['b'],
    })
    expect(mergeContexts({ a: { b: 1 } }, { a: 'text' })).toEqual({ a: 'text' })
  })

  it('carries a __proto__ key as data and changes neither input', () => {
    const call = JSON.parse('{"__proto__":{"polluted":true},"app":{"name":"x"}}') as Record<string, never>
    const merged = mergeContexts(defaults, call)
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(Object.hasOwn(merged, '__proto__')).toBe(true)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    expect(defaults.app.name).toBe('shop')
  })
})

describe('createMessage with a default context', () => {
  it('puts the default under the call’s context, and the library over both unless the call sets one', () => {
    const env = { library: LIBRARY, context: defaults }
    expect(createMessage('track', { userId: 'u', event: 'E' }, env).context).toEqual({ library: LIBRARY, ...defaults })
    expect(createMessage('track', { userId: 'u', event: 'E', context: { app: { version: '2' }, ip: '1.2.3.4' } }, env).context).toEqual({
      library: LIBRARY,
      app: { name: 'shop', version: '2', build: { number: 7 } },
      locale: 'en-GB',
      tags: ['a'],
      ip: '1.2.3.4',
    })
  })
})

describe('the default context shared by messages', () => {
  it('cannot be changed through one message (a middleware writing to it): the next message has the default', () => {
    const env = { library: LIBRARY, ...defaultContext({ app: { name: 'shop', version: '1.4.2' } }) }
    const first = createMessage('track', { userId: 'u', event: 'E' }, env)
    const second = createMessage('track', { userId: 'u', event: 'E', context: { ip: '1.2.3.4' } }, env)
    for (const message of [first, second]) {
      try {
        ;(message.context.app as { version: string }).version = 'changed'
      } catch {
        // A frozen object refuses the write.
      }
    }
    expect(createMessage('track', { userId: 'u', event: 'E' }, env).context.app).toEqual({ name: 'shop', version: '1.4.2' })
  })
})

describe('new Analytics({ context })', () => {
  const clients: Analytics[] = []
  const sink = testSink(clients)

  it('sends the default context with every call, merged under the call’s own', async () => {
    const given = { app: { name: 'shop', version: '1.4.2' }, at: new Date('2024-01-01T00:00:00.000Z') }
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')), context: given, flushIntervalMs: 60_000 })
    clients.push(analytics)
    given.app.version = 'changed after the client was made'
    analytics.track({ userId: 'u1', event: 'A' })
    analytics.identify({ userId: 'u1', context: { app: { version: '1.5.0' } } })
    await analytics.flush()
    const [track, identify] = sink.messages({ vendor: 'segment' }).map((m) => m.payload as { context: Record<string, unknown> })
    expect(track?.context).toMatchObject({
      app: { name: 'shop', version: '1.4.2' },
      at: '2024-01-01T00:00:00.000Z',
      library: { name: '@polytrack/core' },
    })
    expect(identify?.context).toMatchObject({ app: { name: 'shop', version: '1.5.0' }, library: { name: '@polytrack/core' } })
  })

  it('refuses a context that is not a plain object of JSON values, naming the field', () => {
    const destination = testDestination('http://127.0.0.1:9')
    expect(() => new Analytics({ destination, context: 'app' as never })).toThrow(ConfigError)
    expect(() => new Analytics({ destination, context: { app: { version: Number.NaN } } })).toThrow(/Invalid option context\.app\.version/)
  })
})
