import { Analytics, ValidationError, type AnalyticsEvents, type MessageType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { rudderstack } from '@polytrack/rudderstack'
import { startSink, type Sink } from '@polytrack/sink'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentLike } from './support/destinations.js'
import { bads, plantSite, validParams, type Bad } from './support/arbitraries.js'
import { parsePath, pathOf, resolves, type Segment } from './support/paths.js'

/**
 * Bad input, generated: every call either returns — and its message is then delivered intact
 * (what the sink received equals the JSON round-trip of what was passed) — or throws a
 * ValidationError whose `field` is the path of the offending value. Never another error, never an
 * unhandled rejection, never a touched prototype; the valid messages around invalid ones all arrive.
 *
 * Two clients get the same calls: one with a Segment-shaped adapter that sends the message as it is
 * (exact comparison), one with the RudderStack adapter (its translation is compared field by field).
 */
const KEY = 'wk_fuzz_SECRET'
const LIMIT = 32 * 1024
const TYPES: readonly MessageType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias']
const ROOTS = new Set([
  'message',
  'userId',
  'anonymousId',
  'messageId',
  'timestamp',
  'context',
  'integrations',
  'event',
  'properties',
  'traits',
  'name',
  'category',
  'groupId',
  'previousId',
])

let sink: Sink
let exact: Analytics
let rudder: Analytics
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
const protoBefore = snapshotPrototypes()
const clientErrors: AnalyticsEvents['error'][] = []

/** What each accepted call must look like at the sink, by messageId. */
const expected = new Map<string, { type: MessageType; params: Record<string, unknown> }>()
let sequence = 0
let refusedAsTooLarge = 0
let thrown = 0

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  sink = await startSink({ keys: { segment: [KEY], rudderstack: [KEY] }, maxRecorded: 500_000 })
  const settings = { flushAt: 100, flushIntervalMs: 20, maxQueueSize: 1_000_000, retryBaseDelayMs: 10 }
  exact = new Analytics({ destination: segmentLike(sink.urlFor('segment'), { key: KEY }), ...settings })
  rudder = new Analytics({ destination: rudderstack({ writeKey: KEY, dataPlaneUrl: sink.urlFor('rudderstack') }), ...settings })
  exact.on('error', (e) => clientErrors.push(e))
  rudder.on('error', (e) => clientErrors.push(e))
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await Promise.all([exact?.close({ timeoutMs: 2000 }), rudder?.close({ timeoutMs: 2000 })])
  await sink?.close()
})

function snapshotPrototypes(): string {
  const names = (o: object) => Reflect.ownKeys(o).map(String).sort().join(',')
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Object].map(names).join('|')
}

// ---------------------------------------------------------------------------------------------
// Generators

// ---------------------------------------------------------------------------------------------
// Checks

type Call = { type: MessageType; params: unknown }

/** Makes the call on both clients (or only the exact one); remembers accepted messages by id. */
function call(
  { type, params }: Call,
  options: { rudder?: boolean } = {},
): { ok: true; sent: unknown } | { ok: false; error: unknown; sent: unknown } {
  const clients = options.rudder === false ? [exact] : [exact, rudder]
  const outcomes = clients.map((client, i) => {
    const proto = params !== null && typeof params === 'object' ? (Object.getPrototypeOf(params) as unknown) : undefined
    const p =
      proto === Object.prototype || proto === null
        ? { ...(params as Record<string, unknown>), messageId: `fuzz-${i}-${++sequence}` }
        : params
    try {
      ;(client[type] as (p: unknown) => void)(p)
      expected.set((p as { messageId: string }).messageId, { type, params: p as Record<string, unknown> })
      return { ok: true as const, sent: p }
    } catch (error) {
      return { ok: false as const, error, sent: p }
    }
  })
  // Both adapters take the same input: they must agree on refusing it (size aside).
  const [first, second] = outcomes as unknown as [{ ok: boolean; error?: unknown }, { ok: boolean; error?: unknown } | undefined]
  if (second && first.ok !== second.ok) {
    const refusal = (first.ok ? second.error : first.error) as ValidationError
    expect(refusal?.field, 'the two adapters disagree on a call that is not about size').toBe('message')
  }
  return first as { ok: true; sent: unknown } | { ok: false; error: unknown; sent: unknown }
}

/** A thrown error must be a ValidationError naming a path that exists in the call's parameters. */
function assertValidationError(error: unknown, params: unknown): ValidationError {
  expect(error, String(error)).toBeInstanceOf(ValidationError)
  const e = error as ValidationError
  expect(e.code).toBe('invalid_message')
  const parsed = parsePath(e.field)
  expect(parsed, e.field).toBeDefined()
  expect(ROOTS.has(parsed?.root as string), e.field).toBe(true)
  if (parsed && parsed.root !== 'message' && parsed.segments.length > 0) {
    expect(resolves((params as Record<string, unknown>)[parsed.root], parsed.segments), `${e.field} does not exist in the input`).toBe(true)
  }
  return e
}

/** A message's encoded size for the exact adapter (JSON of the normalized message). */
function encodedBytes(type: MessageType, params: unknown): number {
  return Buffer.byteLength(JSON.stringify(createMessage(type, params as never, { library: LIBRARY })))
}

const roundTrip = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(JSON.parse(JSON.stringify(v))))

/** Compares what the sink recorded for every accepted call with the JSON round-trip of the input. */
function checkDeliveries(): { exactChecked: number; rudderChecked: number } {
  const records = new Map<string, unknown>()
  for (const m of sink.messages()) {
    expect(records.has(m.id), `duplicate ${m.id}`).toBe(false)
    records.set(m.id, m.payload)
  }
  let exactChecked = 0
  let rudderChecked = 0
  for (const [messageId, { type, params }] of expected) {
    const got = records.get(messageId) as Record<string, unknown> | undefined
    expect(got, `message ${messageId} (${type}) was not delivered`).toBeDefined()
    if (!got) continue
    const asId = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v))
    const want: Record<string, unknown> = { type, userId: asId(params.userId), anonymousId: asId(params.anonymousId) }
    if (type === 'track') want.event = params.event
    if (type === 'page' || type === 'screen')
      Object.assign(want, { name: params.name ?? undefined, category: params.category ?? undefined })
    if (type === 'group') want.groupId = asId(params.groupId)
    if (type === 'alias') want.previousId = asId(params.previousId)
    if (params.timestamp !== undefined) want.timestamp = new Date(params.timestamp as string).toISOString()
    for (const [field, value] of Object.entries(want)) {
      if (value === undefined) expect(got[field], `${messageId} ${field}`).toBeUndefined()
      else expect(got[field], `${messageId} ${field}`).toBe(value)
    }
    const isRudder = messageId.startsWith('fuzz-1-')
    const payloadField = type === 'track' || type === 'page' || type === 'screen' ? 'properties' : type === 'alias' ? undefined : 'traits'
    if (payloadField) {
      const input = roundTrip(params[payloadField] ?? {}) as string
      // The RudderStack adapter leaves out what the call did not give, and sends what it gave ({} included), as rudder-sdk-node does.
      if (isRudder && params[payloadField] == null) expect(got[payloadField], `${messageId} ${payloadField}`).toBeUndefined()
      else expect(JSON.stringify(got[payloadField]), `${messageId} ${payloadField}`).toBe(input)
    }
    const context = roundTrip({ library: { name: LIBRARY.name, version: LIBRARY.version }, ...((params.context as object) ?? {}) })
    const gotContext = { ...(got.context as Record<string, unknown>) }
    // RudderStack's identify copies the traits the call gave into context.traits ({} included).
    if (isRudder && type === 'identify' && params.traits != null) {
      expect(JSON.stringify(gotContext.traits)).toBe(roundTrip(params.traits))
      if (!(params.context && Object.prototype.hasOwnProperty.call(params.context, 'traits'))) delete gotContext.traits
      else gotContext.traits = (JSON.parse(context as string) as Record<string, unknown>).traits
    }
    expect(JSON.stringify(gotContext), `${messageId} context`).toBe(context)
    const integrations = roundTrip(params.integrations ?? {}) as string
    if (isRudder && integrations === '{}') expect(got.integrations).toBeUndefined()
    else expect(JSON.stringify(got.integrations), `${messageId} integrations`).toBe(integrations)
    if (isRudder) rudderChecked++
    else exactChecked++
  }
  return { exactChecked, rudderChecked }
}

// ---------------------------------------------------------------------------------------------

describe('bad input (fast-check)', () => {
  it('valid calls of every type, with hostile strings, keys and values, return and are delivered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).chain((type) => validParams(type, false).map((params) => ({ type, params }))),
        (c) => {
          const outcome = call(c)
          if (!outcome.ok) {
            // Only an oversized message may be refused, and only as such.
            const e = assertValidationError(outcome.error, c.params)
            expect(e.field).toBe('message')
            expect(encodedBytes(c.type, outcome.sent)).toBeGreaterThan(LIMIT)
            refusedAsTooLarge++
          }
        },
      ),
      { numRuns: 600, seed: 6_001 },
    )
  })

  it('huge strings: refused exactly when the encoded message is over 32 KB in UTF-8 bytes', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom('track', 'identify', 'page', 'group')
          .chain((type) => validParams(type as MessageType, true).map((params) => ({ type: type as MessageType, params }))),
        (c) => {
          const outcome = call(c, { rudder: false })
          const bytes = encodedBytes(c.type, outcome.sent)
          const error = outcome.ok ? undefined : outcome.error
          if (bytes > LIMIT) {
            const e = assertValidationError(error, c.params)
            expect(e.field).toBe('message')
            expect(e.reason).toContain(`is ${bytes} bytes`)
          } else {
            expect(error).toBeUndefined()
          }
        },
      ),
      { numRuns: 120, seed: 6_002 },
    )
  })

  it('a value JSON cannot carry, planted anywhere, is refused with its exact path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).filter((t) => t !== 'alias'),
        plantSite,
        fc.context(),
        (type, site, ctx) => {
          const bad = bads[site.bad] as Bad
          const root =
            site.root === 'integrations'
              ? 'integrations'
              : site.root === 'context'
                ? 'context'
                : type === 'identify' || type === 'group'
                  ? 'traits'
                  : 'properties'
          // integrations entries must be booleans or objects: plant below an options object.
          const segments: Segment[] =
            site.root === 'integrations' ? ['Some Tool', ...site.segments.filter((s) => typeof s === 'string')] : [...site.segments]
          if (segments.length < (site.root === 'integrations' ? 2 : 1)) segments.push('x')
          if (typeof segments[0] === 'number') segments[0] = String(segments[0]) // the top is an object
          if (segments.at(-1) === 'toJSON') segments[segments.length - 1] = 'x' // a toJSON function is a method, not data
          // Build containers along the path (arrays for numeric segments).
          const top: Record<string, unknown> = {}
          let container: Record<string, unknown> | unknown[] = top
          segments.forEach((segment, i) => {
            const last = i === segments.length - 1
            const next = segments[i + 1]
            const value = last
              ? bad.make(container as Record<string, unknown>)
              : typeof next === 'number'
                ? Array.from({ length: next }, () => null)
                : {}
            if (Array.isArray(container) && typeof segment === 'number') {
              while (container.length < segment) container.push(null)
              container[segment] = value
            } else {
              Object.defineProperty(container, String(segment), { value, enumerable: true, writable: true, configurable: true })
            }
            if (!last) container = value as Record<string, unknown>
          })
          const base: Record<string, unknown> = { userId: 'u', event: 'E', groupId: 'g' }
          const params = { ...base, [root]: top }
          let deepTail: Segment[] = bad.extra ?? []
          // Depth counts from the checked object: the field itself, or each integrations entry.
          if (bad.label.includes('nesting'))
            deepTail = Array.from({ length: 64 - (site.root === 'integrations' ? segments.length - 1 : segments.length) }, () => 'd')
          const expectedPath = pathOf(root, [...segments, ...deepTail])
          ctx.log(`${bad.label} at ${expectedPath}`)
          const outcome = call({ type, params })
          expect(outcome.ok, `${bad.label} at ${expectedPath} was accepted`).toBe(false)
          if (outcome.ok) return
          thrown++
          const e = assertValidationError(outcome.error, params)
          expect(e.field).toBe(expectedPath)
        },
      ),
      { numRuns: 400, seed: 6_003 },
    )
  })

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
          const error = captureThrow(() => exact[type]({ ...base, [field]: missing } as never))
          expect(assertValidationError(error, {}).field).toBe(field)
          cases++
        }
      }
      expect(
        assertValidationError(
          captureThrow(() => exact[type]({ event: 'E', groupId: 'g', previousId: 'p' } as never)),
          {},
        ).field,
      ).toBe('userId')
      for (const [field, kind] of Object.entries(fields[type])) {
        for (const value of wrong[kind] as unknown[]) {
          const params = { ...base, [field]: value }
          const error = captureThrow(() => exact[type](params as never))
          expect(error, `${type}.${field} = ${show(value)} was accepted`).toBeDefined()
          expect(assertValidationError(error, params).field, `${type}.${field} = ${show(value)}`).toBe(field)
          cases++
        }
      }
      for (const value of wrong.message as unknown[]) {
        expect(
          assertValidationError(
            captureThrow(() => exact[type](value as never)),
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
            captureThrow(() => exact[type](params as never)),
            params,
          ).field,
        ).toBe('integrations["Google Analytics"]')
        cases++
      }
    }
    expect(cases).toBeGreaterThan(300)
  })

  it('fully arbitrary values anywhere (fc.anything) either pass or fail with a ValidationError', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      maxDepth: 4,
    })
    const field = fc.constantFrom(
      'params',
      'userId',
      'anonymousId',
      'event',
      'properties',
      'traits',
      'context',
      'integrations',
      'timestamp',
      'messageId',
      'name',
      'groupId',
      'previousId',
    )
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), field, anything, (type, f, value) => {
        const params = f === 'params' ? value : { userId: 'u', event: 'E', groupId: 'g', previousId: 'p', [f]: value }
        const outcome = call({ type, params })
        if (!outcome.ok) {
          thrown++
          assertValidationError(outcome.error, params)
        }
      }),
      { numRuns: 1_500, seed: 6_004 },
    )
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
      exact.track({ userId: 'u', event: 'E', timestamp: new Proxy(new Date(), { getPrototypeOf: boom }) } as never),
    )
    expect((timestampProxy as ValidationError).field).toBe('timestamp')
    for (const [properties, field] of cases) {
      const error = captureThrow(() => exact.track({ userId: 'u', event: 'E', properties } as never))
      expect(error, field).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe(field)
    }
    // Boxed primitives JSON can carry are accepted, and sent as their primitive.
    expect(() =>
      exact.track({
        userId: 'u',
        event: 'E',
        messageId: 'boxed-ok',
        properties: { n: new Number(2), s: new String('x'), b: new Boolean(false) },
      } as never),
    ).not.toThrow()
    expected.set('boxed-ok', { type: 'track', params: { userId: 'u', event: 'E', properties: { n: 2, s: 'x', b: false } } })
  })

  it('cyclic objects of any shape are refused, never a stack overflow', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).filter((t) => t !== 'alias'),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (type, depth, viaArray) => {
          const root: Record<string, unknown> = {}
          let node: Record<string, unknown> | unknown[] = root
          for (let i = 0; i < depth; i++) {
            const child: Record<string, unknown> | unknown[] = viaArray && i % 2 ? [] : {}
            if (Array.isArray(node)) node.push(child)
            else node.k = child
            node = child
          }
          if (Array.isArray(node)) node.push(root)
          else node.k = root
          const error = captureThrow(() => exact[type]({ userId: 'u', event: 'E', groupId: 'g', properties: root, traits: root } as never))
          const e = assertValidationError(error, { properties: root, traits: root })
          expect(e.reason).toMatch(depth >= 64 ? /nested deeper|circular/ : /circular/)
        },
      ),
      { numRuns: 100, seed: 6_005 },
    )
  })

  it('delivers every accepted message intact, touches no prototype, raises no unhandled rejection', async () => {
    await Promise.all([exact.flush(), rudder.flush()])
    expect(clientErrors.map((e) => e.error.message)).toEqual([])
    const { exactChecked, rudderChecked } = checkDeliveries()
    expect(exact.report()).toMatchObject({ delivered: exactChecked, failed: 0, dropped: 0, pending: 0 })
    expect(rudder.report()).toMatchObject({ delivered: rudderChecked, failed: 0, dropped: 0, pending: 0 })
    expect(exactChecked).toBeGreaterThan(500)
    expect(snapshotPrototypes()).toBe(protoBefore)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expect(unhandled).toEqual([])
    console.log(
      `bad input: ${exactChecked} + ${rudderChecked} messages delivered and compared; ${thrown} calls refused with a ValidationError; ${refusedAsTooLarge} valid calls refused as too large`,
    )
  })
})

function captureThrow(fn: () => void): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}

function show(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : typeof value === 'symbol' ? 'symbol' : Object.prototype.toString.call(value)
}

describe('size limits as the vendor counts them', () => {
  // RudderStack's adapter adds a per-message `,"sentAt":"…"` when sending: the per-message limit
  // counts it, so a message within those bytes of 32 KB is refused by track(), never by the server.
  it('a message the RudderStack adapter accepts is never refused by the server for its size', async () => {
    const client = new Analytics({
      destination: rudderstack({ writeKey: KEY, dataPlaneUrl: sink.urlFor('rudderstack') }),
      flushAt: 10,
      flushIntervalMs: 10,
    })
    const errors: AnalyticsEvents['error'][] = []
    client.on('error', (e) => errors.push(e))
    try {
      const probe = rudderstack({ writeKey: KEY, dataPlaneUrl: sink.urlFor('rudderstack') })
      const message = createMessage(
        'track',
        { userId: 'u', event: 'Big', messageId: 'big-probe', properties: { s: '' } },
        { library: LIBRARY },
      )
      const room = LIMIT - Buffer.byteLength(probe.encode(message, { callTime: message.timestamp, timestampGiven: false }))
      let accepted = 0
      let refused = 0
      for (const slack of [80, 50, 40, 30, 20, 5]) {
        try {
          client.track({ userId: 'u', event: 'Big', messageId: `big-${slack}`, properties: { s: 'i'.repeat(room - slack) } })
          accepted++
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError)
          refused++
        }
      }
      client.track({ userId: 'u', event: 'Small', messageId: 'small-neighbour' })
      await client.flush()
      expect(accepted).toBeGreaterThan(0)
      expect(refused).toBeGreaterThan(0)
      expect(errors.map((e) => e.error.message)).toEqual([])
      expect(client.report()).toMatchObject({ delivered: accepted + 1, failed: 0 })
    } finally {
      await client.close({ timeoutMs: 500 })
    }
  })
})
