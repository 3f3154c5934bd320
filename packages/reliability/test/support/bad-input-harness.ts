import { Analytics, ValidationError, type AnalyticsEvents, type MessageType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { rudderstack } from '@polytrack/rudderstack'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, expect } from 'vitest'
import { segmentLike } from './destinations.js'
import { parsePath, resolves } from './paths.js'

/**
 * The bad-input suites' harness: every call either returns — and its message is then delivered intact
 * (what the sink received equals the JSON round-trip of what was passed) — or throws a
 * ValidationError whose `field` is the path of the offending value. Never another error, never an
 * unhandled rejection, never a touched prototype; the valid messages around invalid ones all arrive.
 *
 * Two clients get the same calls: one with a Segment-shaped adapter that sends the message as it is
 * (exact comparison), one with the RudderStack adapter (its translation is compared field by field).
 */

/** The write key both clients (and the sink) use. */
export const KEY = 'wk_fuzz_SECRET'
/** The per-message limit of both adapters, in UTF-8 bytes of the encoded message. */
export const LIMIT = 32 * 1024
/** The six calls. */
export const TYPES: readonly MessageType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias']
/** The roots a ValidationError's `field` may start with. */
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

/** One call: its type and the parameters passed (anything at all). */
export type Call = { type: MessageType; params: unknown }

/** What {@link BadInputClients.call} returns: the exact client's outcome, with the parameters it was given. */
export type CallOutcome = { ok: true; sent: unknown } | { ok: false; error: unknown; sent: unknown }

/** The sink, the two clients and what the calls made so far must have delivered. */
export interface BadInputClients {
  /** The sink both clients send to (started before the first test). */
  readonly sink: Sink
  /** The client with the Segment-shaped adapter that sends messages as they are. */
  readonly exact: Analytics
  /** The client with the RudderStack adapter. */
  readonly rudder: Analytics
  /** What each accepted call must look like at the sink, by messageId; a test may add a message it made itself. */
  readonly expected: Map<string, { type: MessageType; params: Record<string, unknown> }>
  /** Tallies for the summary line: calls refused with a ValidationError, valid calls refused as too large. */
  readonly counts: { thrown: number; refusedAsTooLarge: number }
  /**
   * Makes the call on both clients (or only the exact one, `rudder: false`), each with a messageId
   * of its own when the parameters are a plain object; remembers accepted messages by id. Both
   * adapters must agree on refusing it (size aside). Returns the exact client's outcome.
   */
  call(c: Call, options?: { rudder?: boolean }): CallOutcome
  /**
   * The closing check: flushes both clients, then expects no client error, every accepted message
   * delivered intact (and at least `minExact` of the exact client's), no touched prototype and no
   * unhandled rejection; logs a summary line headed `label`.
   */
  expectEveryAcceptedDelivered(label: string, minExact: number): Promise<void>
}

/**
 * Starts the sink and the two clients before the file's tests and closes them after (registers
 * `beforeAll`/`afterAll`; call it at the top level of a test file). The clients' objects are read
 * through the returned getters, valid once the tests run.
 */
export function useBadInputClients(): BadInputClients {
  let sink: Sink | undefined
  let exact: Analytics | undefined
  let rudder: Analytics | undefined
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
  const protoBefore = snapshotPrototypes()
  const clientErrors: AnalyticsEvents['error'][] = []
  const expected = new Map<string, { type: MessageType; params: Record<string, unknown> }>()
  const counts = { thrown: 0, refusedAsTooLarge: 0 }
  let sequence = 0

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

  const clients: BadInputClients = {
    get sink() {
      return sink as Sink
    },
    get exact() {
      return exact as Analytics
    },
    get rudder() {
      return rudder as Analytics
    },
    expected,
    counts,
    call({ type, params }, options = {}) {
      const targets = options.rudder === false ? [clients.exact] : [clients.exact, clients.rudder]
      const outcomes = targets.map((client, i) => {
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
      return first as CallOutcome
    },
    async expectEveryAcceptedDelivered(label, minExact) {
      await Promise.all([clients.exact.flush(), clients.rudder.flush()])
      expect(clientErrors.map((e) => e.error.message)).toEqual([])
      const { exactChecked, rudderChecked } = checkDeliveries(clients.sink, expected)
      expect(clients.exact.report()).toMatchObject({ delivered: exactChecked, failed: 0, dropped: 0, pending: 0 })
      expect(clients.rudder.report()).toMatchObject({ delivered: rudderChecked, failed: 0, dropped: 0, pending: 0 })
      expect(exactChecked).toBeGreaterThanOrEqual(minExact)
      expect(snapshotPrototypes()).toBe(protoBefore)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(({} as Record<string, unknown>).x).toBeUndefined()
      expect(unhandled).toEqual([])
      console.log(
        `${label}: ${exactChecked} + ${rudderChecked} messages delivered and compared; ${counts.thrown} calls refused with a ValidationError; ${counts.refusedAsTooLarge} valid calls refused as too large`,
      )
    },
  }
  return clients
}

function snapshotPrototypes(): string {
  const names = (o: object) => Reflect.ownKeys(o).map(String).sort().join(',')
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Object].map(names).join('|')
}

/** A thrown error must be a ValidationError naming a path that exists in the call's parameters. Returns it. */
export function assertValidationError(error: unknown, params: unknown): ValidationError {
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
export function encodedBytes(type: MessageType, params: unknown): number {
  return Buffer.byteLength(JSON.stringify(createMessage(type, params as never, { library: LIBRARY })))
}

/** What `fn` throws, or `undefined` when it returns. */
export function captureThrow(fn: () => void): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}

/** A short name of a value for an assertion message (its `Object.prototype.toString` tag, bigints as `<n>n`). */
export function show(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : typeof value === 'symbol' ? 'symbol' : Object.prototype.toString.call(value)
}

const roundTrip = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(JSON.parse(JSON.stringify(v))))

/** Compares what the sink recorded for every accepted call with the JSON round-trip of the input. */
function checkDeliveries(sink: Sink, expected: BadInputClients['expected']): { exactChecked: number; rudderChecked: number } {
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
