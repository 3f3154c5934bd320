import { types } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  isBigIntObject,
  isBooleanObject,
  isBoxedPrimitive,
  isDate,
  isNumberObject,
  isStringObject,
  isSymbolObject,
} from './internal-slots.js'

// The checks replace node:util's `types` (which edge runtimes do not have): same answers on every kind of object.
const samples: [string, object][] = [
  ['plain object', {}],
  ['null-prototype object', Object.create(null) as object],
  ['array', []],
  ['date', new Date()],
  ['invalid date', new Date(Number.NaN)],
  ['proxy of a date', new Proxy(new Date(), {})],
  ['object with Date.prototype', Object.create(Date.prototype) as object],
  ['forged toStringTag', { [Symbol.toStringTag]: 'Date' }],
  ['boxed number', new Number(1)],
  ['boxed string', new String('a')],
  ['boxed boolean', new Boolean(false)],
  ['boxed bigint', Object(1n) as object],
  ['boxed symbol', Object(Symbol('s')) as object],
  ['proxy of a boxed number', new Proxy(new Number(1), {})],
  ['map', new Map()],
  ['set', new Set()],
  ['function', () => 1],
  ['class instance', new (class Point {})()],
  ['regexp', /a/],
  ['error', new Error('e')],
  ['primitive number', 1 as unknown as object],
  ['primitive string', 'a' as unknown as object],
  ['null', null as unknown as object],
]

describe('internal-slot checks', () => {
  it.each(samples)('answer as node:util types for %s', (_, value) => {
    expect(isDate(value)).toBe(types.isDate(value))
    expect(isNumberObject(value)).toBe(types.isNumberObject(value))
    expect(isStringObject(value)).toBe(types.isStringObject(value))
    expect(isBooleanObject(value)).toBe(types.isBooleanObject(value))
    expect(isBigIntObject(value)).toBe(types.isBigIntObject(value))
    expect(isSymbolObject(value)).toBe(types.isSymbolObject(value))
    expect(isBoxedPrimitive(value)).toBe(types.isBoxedPrimitive(value))
  })

  it('run no Proxy trap', () => {
    const trapped: string[] = []
    const handler = new Proxy({}, { get: (_, name) => (trapped.push(String(name)), undefined) })
    const proxy = new Proxy({}, handler as ProxyHandler<object>)
    isDate(proxy)
    isBoxedPrimitive(proxy)
    expect(trapped).toEqual([])
  })
})
