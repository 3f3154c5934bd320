import { ValidationError, type MessageType } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { assertValidationError, captureThrow, show, TYPES, useBadInputClients } from './support/bad-input-harness.js'

/**
 * Bad input, field by field: every field of every call refuses a value of the wrong type (and a
 * missing required one), naming the field; objects whose reads throw are refused by path, never
 * with their own error. What is accepted is delivered intact (see support/bad-input-harness.ts).
 */
const h = useBadInputClients()

describe('bad input: wrong types and hostile objects', () => {
  it('every field of every call refuses a value of the wrong type, naming the field', () => {
    const wrong: Record<string, unknown[]> = {
      id: [{}, [], true, Number.NaN, Number.POSITIVE_INFINITY, 10n, Symbol('s'), () => 1, new Date(0), new Map()],
      string: [1, {}, [], true, 10n, Symbol('s'), new Date(0)],
      object: ['str', 1, [], true, new Date(0), new Map(), new Set(), new (class Custom {})(), 10n],
      timestamp: ['not a date', {}, true, Number.NaN, 1e20, new Date(Number.NaN), [], 10n],
      messageId: ['', 1, {}, true],
      integrations: ['all', 1, [], true],
      message: [null, undefined, 'track', 42, [], new Map(), new (class Params {})()],
    }
    const fields: Record<MessageType, Record<string, keyof typeof wrong>> = {
      track: {
        userId: 'id',
        anonymousId: 'id',
        event: 'string',
        properties: 'object',
        context: 'object',
        timestamp: 'timestamp',
        messageId: 'messageId',
        integrations: 'integrations',
      },
      identify: {
        userId: 'id',
        anonymousId: 'id',
        traits: 'object',
        context: 'object',
        timestamp: 'timestamp',
        messageId: 'messageId',
        integrations: 'integrations',
      },
      page: { userId: 'id', name: 'string', category: 'string', properties: 'object', context: 'object', timestamp: 'timestamp' },
      screen: { userId: 'id', name: 'string', category: 'string', properties: 'object', integrations: 'integrations' },
      group: { userId: 'id', groupId: 'id', traits: 'object', context: 'object', timestamp: 'timestamp' },
      alias: { userId: 'id', previousId: 'id', context: 'object', timestamp: 'timestamp', messageId: 'messageId' },
    }
    const base = { userId: 'u', event: 'E', groupId: 'g', previousId: 'p' }
    let cases = 0
    for (const type of TYPES) {
      // Missing required fields.
      const required: Record<MessageType, string[]> = {
        track: ['event'],
        identify: [],
        page: [],
        screen: [],
        group: ['groupId'],
        alias: ['userId', 'previousId'],
      }
      for (const field of required[type]) {
        for (const missing of [undefined, null, '']) {
          const error = captureThrow(() => h.exact[type]({ ...base, [field]: missing } as never))
          expect(assertValidationError(error, {}).field).toBe(field)
          cases++
        }
      }
      expect(
        assertValidationError(
          captureThrow(() => h.exact[type]({ event: 'E', groupId: 'g', previousId: 'p' } as never)),
          {},
        ).field,
      ).toBe('userId')
      for (const [field, kind] of Object.entries(fields[type])) {
        for (const value of wrong[kind] as unknown[]) {
          const params = { ...base, [field]: value }
          const error = captureThrow(() => h.exact[type](params as never))
          expect(error, `${type}.${field} = ${show(value)} was accepted`).toBeDefined()
          expect(assertValidationError(error, params).field, `${type}.${field} = ${show(value)}`).toBe(field)
          cases++
        }
      }
      for (const value of wrong.message as unknown[]) {
        expect(
          assertValidationError(
            captureThrow(() => h.exact[type](value as never)),
            value,
          ).field,
        ).toBe('message')
        cases++
      }
      // An integrations entry that is neither a boolean nor an options object.
      for (const value of ['yes', 1, null, [], 10n]) {
        const params = { ...base, integrations: { 'Google Analytics': value } }
        expect(
          assertValidationError(
            captureThrow(() => h.exact[type](params as never)),
            params,
          ).field,
        ).toBe('integrations["Google Analytics"]')
        cases++
      }
    }
    expect(cases).toBeGreaterThan(300)
  })

  it('objects whose reads throw (getters, Proxy traps) are refused by path, never with their own error', () => {
    const boom = () => {
      throw new TypeError('trap blew up')
    }
    const cases: [unknown, string][] = [
      [{ a: new Proxy({}, { ownKeys: boom }) }, 'properties.a'],
      [{ a: new Proxy({ x: 1 }, { get: boom }) }, 'properties.a'],
      [{ a: new Proxy({}, { getPrototypeOf: boom }) }, 'properties.a'],
      [{ list: [1, Object.defineProperty({}, 'y', { enumerable: true, get: boom })] }, 'properties.list[1].y'],
      [new Proxy({}, { getPrototypeOf: boom }), 'properties'],
      [{ n: new Number(Number.POSITIVE_INFINITY) }, 'properties.n'],
      [{ s: Object(Symbol('s')) }, 'properties.s'],
    ]
    const timestampProxy = captureThrow(() =>
      h.exact.track({ userId: 'u', event: 'E', timestamp: new Proxy(new Date(), { getPrototypeOf: boom }) } as never),
    )
    expect((timestampProxy as ValidationError).field).toBe('timestamp')
    for (const [properties, field] of cases) {
      const error = captureThrow(() => h.exact.track({ userId: 'u', event: 'E', properties } as never))
      expect(error, field).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe(field)
    }
    // Boxed primitives JSON can carry are accepted, and sent as their primitive.
    expect(() =>
      h.exact.track({
        userId: 'u',
        event: 'E',
        messageId: 'boxed-ok',
        properties: { n: new Number(2), s: new String('x'), b: new Boolean(false) },
      } as never),
    ).not.toThrow()
    h.expected.set('boxed-ok', { type: 'track', params: { userId: 'u', event: 'E', properties: { n: 2, s: 'x', b: false } } })
  })

  it('delivers every accepted message intact, touches no prototype, raises no unhandled rejection', async () => {
    await h.expectEveryAcceptedDelivered('bad input, field by field', 1)
  })
})
