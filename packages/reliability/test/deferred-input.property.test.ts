import { Analytics, ValidationError, type AnalyticsEvents, type MessageType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { startSink, type Sink } from '@polytrack/sink'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentLike } from './support/destinations.js'
import { bads, plantSite, validParams } from './support/arbitraries.js'

/**
 * The same generated input with `deferEncoding: true`, where serialization and the size check run
 * after the call: a call either returns or throws a ValidationError (never anything else); every
 * call that returned ends up delivered intact or, exactly when its encoded form is over the limit,
 * reported by an `error` event (a ValidationError on `message`) and counted dropped as too large.
 * Nothing escapes as an unhandled rejection or exception.
 */
const KEY = 'wk_deferred_SECRET'
const LIMIT = 32 * 1024
const TYPES: readonly MessageType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias']

let sink: Sink
let analytics: Analytics
const escaped: unknown[] = []
const onEscaped = (reason: unknown): void => void escaped.push(reason)
const errors: AnalyticsEvents['error'][] = []
const tooLarge = new Set<string>()
/** Calls that returned, by messageId, with their encoded size. */
const returned = new Map<string, number>()
let sequence = 0

beforeAll(async () => {
  process.on('unhandledRejection', onEscaped)
  process.on('uncaughtException', onEscaped)
  sink = await startSink({ keys: { segment: [KEY] }, maxRecorded: 100_000 })
  analytics = new Analytics({
    destination: segmentLike(sink.urlFor('segment'), { key: KEY }),
    deferEncoding: true,
    flushAt: 100,
    flushIntervalMs: 20,
    maxQueueSize: 100_000,
    retryBaseDelayMs: 10,
  })
  analytics.on('error', (e) => errors.push(e))
  analytics.on('dropped', (d) => {
    if (d.reason === 'too-large') for (const id of d.messageIds) tooLarge.add(id)
  })
})
afterAll(async () => {
  process.off('unhandledRejection', onEscaped)
  process.off('uncaughtException', onEscaped)
  await analytics?.close({ timeoutMs: 2000 })
  await sink?.close()
})

/** Calls `type(params)` with a fresh messageId; returns the thrown error, if any. */
function call(type: MessageType, params: unknown): unknown {
  const withId =
    params !== null && typeof params === 'object' && Object.getPrototypeOf(params) === Object.prototype
      ? { ...(params as object), messageId: `deferred-${++sequence}` }
      : params
  try {
    ;(analytics[type] as (p: unknown) => void)(withId)
  } catch (error) {
    return error
  }
  const id = (withId as { messageId: string }).messageId
  returned.set(id, Buffer.byteLength(JSON.stringify(createMessage(type, withId as never, { library: LIBRARY }))))
  return undefined
}

describe('deferEncoding under generated input', () => {
  it('valid calls, huge strings included, return; bad values throw a ValidationError in the call', async () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).chain((type) => fc.tuple(fc.constant(type), validParams(type, true))),
        ([type, params]) => {
          expect(call(type, params)).toBeUndefined()
        },
      ),
      { numRuns: 150, seed: 8_001 },
    )
    fc.assert(
      fc.property(fc.constantFrom(...TYPES.filter((t) => t !== 'alias')), plantSite, fc.integer(), (type, site, seed) => {
        const params = fc.sample(validParams(type, false), { numRuns: 1, seed })[0] as Record<string, unknown>
        const container: Record<string, unknown> = { ...((params[site.root] ?? {}) as Record<string, unknown>) }
        container.planted = (bads[site.bad] as (typeof bads)[number]).make(container)
        params[site.root] = container
        const error = call(type, params)
        if (error !== undefined) expect(error).toBeInstanceOf(ValidationError)
      }),
      { numRuns: 150, seed: 8_002 },
    )
    await analytics.flush()
    expect(returned.size).toBeGreaterThan(150)
  })

  it('every call that returned is delivered, or reported too large exactly when it is over the limit', () => {
    const delivered = new Set(sink.messages({ vendor: 'segment' }).map((m) => m.id))
    const refusedIds = new Set(
      errors
        .filter((e) => e.error instanceof ValidationError && (e.error as ValidationError).field === 'message')
        .flatMap((e) => e.messageIds),
    )
    let over = 0
    for (const [id, bytes] of returned) {
      if (bytes > LIMIT) {
        over++
        expect(delivered.has(id), `${id} (${bytes} bytes) was delivered`).toBe(false)
        expect(tooLarge.has(id), `${id} not counted too-large`).toBe(true)
        expect(refusedIds.has(id), `${id} not reported`).toBe(true)
      } else {
        expect(delivered.has(id), `${id} (${bytes} bytes) was not delivered`).toBe(true)
        expect(tooLarge.has(id)).toBe(false)
      }
    }
    // The generator does produce oversized messages, so both branches ran.
    expect(over).toBeGreaterThan(0)
    expect(analytics.report()).toMatchObject({ failed: 0, pending: 0 })
    expect(escaped).toEqual([])
  })
})
