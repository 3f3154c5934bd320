/**
 * fast-check generators for the bad-input suite: hostile strings and keys, JSON-ish values,
 * valid parameters of every call, and values JSON cannot carry with where to plant them.
 */
import type { MessageType } from '@polytrack/core'
import fc from 'fast-check'
import type { Segment } from './paths.js'

/** Strings: any code point, lone surrogates, emoji and ZWJ sequences, RTL and control characters. */
export const nasty = fc.constantFrom(
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\ude00b',
  '👩‍👩‍👧‍👦',
  '🇫🇷',
  'שלום',
  'مرحبا',
  '\u202e',
  '\u200f',
  '\u0000',
  '\n',
  '"',
  '\\',
  '</script>',
  'é',
  'e\u0301',
  '\uffff',
  '\ufeff',
)
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 6 }).map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
)
export const key = fc.oneof(
  { weight: 4, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '0', '1e3', 'toJSON'),
  },
)

/** A huge string: up to ~40 KB of 1–4-byte characters (around the 32 KB per-message limit). */
export const huge = fc
  .tuple(fc.constantFrom('i', 'é', '€', '😀', '%'), fc.integer({ min: 1_000, max: 40_000 }))
  .map(([c, n]) => c.repeat(Math.ceil(n / Buffer.byteLength(c))))

/** Objects built with own data properties (so `__proto__` is a key, not a prototype). */
export function objectOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(key, value), { maxLength: 5 }).map((entries) => Object.fromEntries(entries))
}

export const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.constant(undefined),
)
export const { value: jsonish } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 4 }), objectOf(tie('value'))),
}))
export const jsonObject = fc.oneof(
  objectOf(jsonish),
  fc.jsonValue().filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)),
)
export const id = fc.oneof(
  text.filter((s) => s !== ''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
export const timestamp = fc.oneof(
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
)

/** Valid parameters for `type` (possibly over the size limit when `big`). */
export function validParams(type: MessageType, big: boolean): fc.Arbitrary<Record<string, unknown>> {
  const payload = big ? fc.tuple(jsonObject, key, huge).map(([o, k, s]) => ({ ...(o as Record<string, unknown>), [k]: s })) : jsonObject
  const common = {
    userId: id,
    anonymousId: fc.option(id, { nil: undefined }),
    timestamp,
    context: fc.option(jsonObject, { nil: undefined }),
    integrations: fc.option(fc.dictionary(key, fc.oneof(fc.boolean(), jsonObject)), { nil: undefined }),
  }
  const own: Record<MessageType, Record<string, fc.Arbitrary<unknown>>> = {
    track: { event: text.filter((s) => s !== ''), properties: payload },
    identify: { traits: payload },
    page: { name: fc.option(text, { nil: undefined }), category: fc.option(text, { nil: undefined }), properties: payload },
    screen: { name: fc.option(text, { nil: undefined }), properties: payload },
    group: { groupId: id, traits: payload },
    alias: { previousId: id },
  }
  const required = ['event', 'groupId', 'previousId'].filter((k) => k in own[type])
  return fc.record({ ...common, ...own[type] }, { requiredKeys: required as never[] }).map((p) => ({ userId: 'fallback-user', ...p }))
}

/** Values JSON cannot carry faithfully, each with how it is planted. */
export type Bad = { label: string; make: (container: Record<string, unknown>) => unknown; extra?: Segment[] }
export const DEEP = 80
export const bads: Bad[] = [
  { label: 'BigInt', make: () => 10n },
  { label: 'NaN', make: () => Number.NaN },
  { label: 'Infinity', make: () => Number.POSITIVE_INFINITY },
  { label: '-Infinity', make: () => Number.NEGATIVE_INFINITY },
  { label: 'invalid Date', make: () => new Date('nope') },
  { label: 'function', make: () => () => 1 },
  { label: 'symbol', make: () => Symbol('s') },
  { label: 'Map', make: () => new Map([['a', 1]]) },
  { label: 'Set', make: () => new Set([1]) },
  { label: 'cycle', make: (container) => container },
  {
    label: 'array cycle',
    make: () => {
      const list: unknown[] = [1]
      list.push(list)
      return list
    },
    extra: [1],
  },
  { label: 'boxed BigInt', make: () => Object(10n) },
  { label: 'boxed NaN', make: () => new Number(Number.NaN) },
  {
    label: 'throwing getter',
    make: () =>
      Object.defineProperty({}, 'x', {
        enumerable: true,
        get: () => {
          throw new Error('getter blew up')
        },
      }),
    extra: ['x'],
  },
  {
    label: 'throwing toJSON',
    make: () => ({
      toJSON: () => {
        throw new Error('toJSON blew up')
      },
    }),
  },
  {
    label: `${DEEP} levels of nesting`,
    make: () => {
      let v: unknown = 'bottom'
      for (let i = 0; i < DEEP; i++) v = { d: v }
      return v
    },
  },
]

/** Where a bad value is planted: a field and a path of keys below it. */
export const plantSite = fc.record({
  root: fc.constantFrom('properties', 'traits', 'context', 'integrations'),
  segments: fc.array(fc.oneof(key, fc.nat({ max: 3 })), { minLength: 0, maxLength: 4 }),
  bad: fc.integer({ min: 0, max: bads.length - 1 }),
})
