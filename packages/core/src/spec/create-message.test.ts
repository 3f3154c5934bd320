import { describe, expect, it } from 'vitest'
import { ValidationError } from '../errors.js'
import { createMessage } from './create-message.js'

const env = { library: { name: 'lib', version: '1.2.3' }, now: () => '2026-01-02T03:04:05.678Z', newMessageId: () => 'id-1' }

function fieldOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).field
  }
  throw new Error('expected a ValidationError')
}

describe('createMessage: normalization', () => {
  it('fills messageId, timestamp, context.library and integrations once', () => {
    const message = createMessage('track', { userId: 'u1', event: 'Order Completed', properties: { total: 9.99 } }, env)
    expect(message).toEqual({
      type: 'track',
      messageId: 'id-1',
      timestamp: '2026-01-02T03:04:05.678Z',
      context: { library: { name: 'lib', version: '1.2.3' } },
      integrations: {},
      userId: 'u1',
      event: 'Order Completed',
      properties: { total: 9.99 },
    })
  })

  it('keeps a given messageId and turns a backfilled timestamp into ISO with ms and Z', () => {
    const fromDate = createMessage('identify', { userId: 'u', messageId: 'm-9', timestamp: new Date(Date.UTC(2020, 0, 1)) }, env)
    expect(fromDate.messageId).toBe('m-9')
    expect(fromDate.timestamp).toBe('2020-01-01T00:00:00.000Z')
    expect(createMessage('identify', { userId: 'u', timestamp: '2020-01-01T01:00:00+01:00' }, env).timestamp).toBe(
      '2020-01-01T00:00:00.000Z',
    )
    expect(createMessage('identify', { userId: 'u', timestamp: 0 }, env).timestamp).toBe('1970-01-01T00:00:00.000Z')
  })

  it('generates a UUID v7 carrying the call time when no messageId is given and no generator is set', () => {
    const before = Date.now()
    const a = createMessage('track', { userId: 'u', event: 'e' }, { library: env.library })
    const b = createMessage('track', { userId: 'u', event: 'e' }, { library: env.library })
    const after = Date.now()
    expect(a.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a.messageId).not.toBe(b.messageId)
    const ms = Number.parseInt(a.messageId.replace('-', '').slice(0, 12), 16)
    expect(ms).toBeGreaterThanOrEqual(before)
    expect(ms).toBeLessThanOrEqual(after)
  })

  it('merges the caller context over context.library', () => {
    const message = createMessage('page', { anonymousId: 'a', context: { ip: '1.2.3.4' }, name: 'Home' }, env)
    expect(message.context).toEqual({ library: { name: 'lib', version: '1.2.3' }, ip: '1.2.3.4' })
    expect(message).toMatchObject({ name: 'Home', properties: {} })
    expect('category' in message).toBe(false)
  })

  it('stringifies numeric ids and defaults properties and traits to {}', () => {
    const group = createMessage('group', { userId: 42, groupId: 7 }, env)
    expect(group).toMatchObject({ userId: '42', groupId: '7', traits: {} })
    const alias = createMessage('alias', { userId: 1, previousId: 'old' }, env)
    expect(alias).toMatchObject({ userId: '1', previousId: 'old' })
  })

  it('keeps __proto__ keys as data and pollutes no prototype', () => {
    const properties = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')
    const message = createMessage('track', { userId: 'u', event: 'e', properties, context: JSON.parse('{"__proto__":{"p":1}}') }, env)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).p).toBeUndefined()
    expect(JSON.parse(JSON.stringify(message)).properties.__proto__).toEqual({ polluted: true })
    expect(Object.prototype.hasOwnProperty.call(message.context, '__proto__')).toBe(true)
  })
})

describe('createMessage: validation names the field', () => {
  it.each([
    ['no user or anonymous id', () => createMessage('track', { event: 'e' } as never, env), 'userId'],
    ['empty userId and no anonymousId', () => createMessage('track', { userId: '', event: 'e' }, env), 'userId'],
    ['missing event', () => createMessage('track', { userId: 'u' } as never, env), 'event'],
    ['empty event', () => createMessage('track', { userId: 'u', event: '' }, env), 'event'],
    ['non-string event', () => createMessage('track', { userId: 'u', event: 5 } as never, env), 'event'],
    ['missing groupId', () => createMessage('group', { userId: 'u' } as never, env), 'groupId'],
    ['missing previousId', () => createMessage('alias', { userId: 'u' } as never, env), 'previousId'],
    ['alias without userId', () => createMessage('alias', { anonymousId: 'a', previousId: 'p' } as never, env), 'userId'],
    ['array properties', () => createMessage('track', { userId: 'u', event: 'e', properties: [] as never }, env), 'properties'],
    ['string traits', () => createMessage('identify', { userId: 'u', traits: 'x' as never }, env), 'traits'],
    ['non-object context', () => createMessage('identify', { userId: 'u', context: 3 as never }, env), 'context'],
    ['invalid timestamp string', () => createMessage('identify', { userId: 'u', timestamp: 'yesterday' }, env), 'timestamp'],
    ['invalid Date', () => createMessage('identify', { userId: 'u', timestamp: new Date('x') }, env), 'timestamp'],
    ['NaN timestamp', () => createMessage('identify', { userId: 'u', timestamp: Number.NaN }, env), 'timestamp'],
    ['boolean userId', () => createMessage('identify', { userId: true as never }, env), 'userId'],
    ['NaN anonymousId', () => createMessage('identify', { anonymousId: Number.NaN }, env), 'anonymousId'],
    ['empty messageId', () => createMessage('identify', { userId: 'u', messageId: '' }, env), 'messageId'],
    ['non-object params', () => createMessage('identify', null as never, env), 'message'],
    [
      'bad integrations value',
      () => createMessage('identify', { userId: 'u', integrations: { X: 'yes' as never } }, env),
      'integrations.X',
    ],
    ['non-string page name', () => createMessage('page', { userId: 'u', name: 3 as never }, env), 'name'],
  ])('%s', (_label, fn, field) => {
    expect(fieldOf(fn)).toBe(field)
  })

  it.each([
    ['a BigInt', { n: 1n }, 'properties.n'],
    ['a function', { cart: { f: () => 1 } }, 'properties.cart.f'],
    ['a symbol', { s: Symbol('x') }, 'properties.s'],
    ['NaN', { items: [{ price: Number.NaN }] }, 'properties.items[0].price'],
    ['Infinity', { x: Number.POSITIVE_INFINITY }, 'properties.x'],
    ['an invalid Date', { when: new Date('nope') }, 'properties.when'],
    ['a Map', { m: new Map() }, 'properties.m'],
    ['an odd key', { 'a b': 1n }, 'properties["a b"]'],
  ])('rejects %s inside properties', (_label, properties, field) => {
    expect(fieldOf(() => createMessage('track', { userId: 'u', event: 'e', properties: properties as never }, env))).toBe(field)
  })

  it('rejects a cycle and deep nesting', () => {
    const cyclic: Record<string, unknown> = { a: {} }
    ;(cyclic.a as Record<string, unknown>).back = cyclic
    expect(fieldOf(() => createMessage('identify', { userId: 'u', traits: cyclic as never }, env))).toBe('traits.a.back')
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 200; i++) {
      deep.d = {}
      deep = deep.d as Record<string, unknown>
    }
    const error = (() => {
      try {
        createMessage('identify', { userId: 'u', traits: root as never }, env)
      } catch (e) {
        return e as ValidationError
      }
    })()
    expect(error?.reason).toMatch(/nested deeper/)
  })

  it('accepts shared (non-cyclic) references, Dates and undefined members', () => {
    const shared = { x: 1 }
    const message = createMessage(
      'track',
      { userId: 'u', event: 'e', properties: { a: shared, b: shared, when: new Date(0), gone: undefined } },
      env,
    )
    expect(JSON.parse(JSON.stringify(message.properties))).toEqual({ a: { x: 1 }, b: { x: 1 }, when: '1970-01-01T00:00:00.000Z' })
  })
})
