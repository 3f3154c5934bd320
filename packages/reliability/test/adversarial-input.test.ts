import { Analytics, ValidationError, type DestinationSet, type MessageType } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordEvents, type EventLog } from './support/client.js'
import { segmentLike } from './support/destinations.js'

/**
 * Caller objects built to break the client after validation (issue 15, items 6, 7, 8): an
 * `integrations` map that throws on its second read, arrays and Dates whose `toJSON()` throws or
 * returns a BigInt, sparse arrays with billions of empty slots. Each call is either accepted — and
 * its message then reaches the sink — or refused with a ValidationError naming the path. Never a
 * raw Error, never a message counted nowhere, never a walk over the empty slots.
 */
const KEY = 'wk_adversarial_SECRET'
const TYPES: readonly MessageType[] = ['identify', 'track', 'page', 'screen', 'group', 'alias']
const PARAMS: Record<MessageType, Record<string, unknown>> = {
  identify: { userId: 'u' },
  track: { userId: 'u', event: 'E' },
  page: { userId: 'u', name: 'P' },
  screen: { userId: 'u', name: 'S' },
  group: { userId: 'u', groupId: 'g' },
  alias: { userId: 'u', previousId: 'p' },
}

let sink: Sink
const open: Analytics[] = []
beforeAll(async () => {
  sink = await startSink({ keys: { segment: [KEY], hightouch: [KEY] } })
})
afterAll(() => sink.close())
beforeEach(() => sink.reset())
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close({ timeoutMs: 2000 })))
})

function client(options: { deferEncoding?: boolean; middleware?: boolean } = {}): {
  analytics: Analytics
  log: EventLog
} {
  const destination: DestinationSet | ReturnType<typeof segmentLike> = options.middleware
    ? {
        kind: 'set',
        members: [
          { destination: segmentLike(sink.urlFor('segment'), { key: KEY }), name: 'segment', middleware: [(m) => m] },
          { destination: segmentLike(sink.urlFor('hightouch'), { key: KEY, name: 'hightouch' }), name: 'hightouch', middleware: [] },
        ],
      }
    : segmentLike(sink.urlFor('segment'), { key: KEY })
  const analytics = new Analytics({ destination, flushIntervalMs: 20, deferEncoding: options.deferEncoding ?? false })
  const log = recordEvents(analytics)
  open.push(analytics)
  return { analytics, log }
}

function call(analytics: Analytics, type: MessageType, extra: Record<string, unknown>): unknown {
  try {
    ;(analytics[type] as (p: unknown) => void)({ ...PARAMS[type], ...extra })
    return undefined
  } catch (error) {
    return error
  }
}

/** `integrations` maps that answer their first read and throw on every later one. */
const SECOND_READ_THROWS: Record<string, () => object> = {
  getter: () => {
    let reads = 0
    return {
      get Segment() {
        if (++reads > 1) throw new Error('second read')
        return { note: 'first read' }
      },
    }
  },
  'Proxy get trap': () => {
    let reads = 0
    return new Proxy(
      { All: true },
      {
        get: (t, k, r) => {
          if (++reads > 1) throw new Error('second read')
          return Reflect.get(t, k, r) as unknown
        },
      },
    )
  },
  'Proxy ownKeys trap': () => {
    let reads = 0
    return new Proxy(
      { All: true },
      {
        ownKeys: (t) => {
          if (++reads > 1) throw new Error('second read')
          return Reflect.ownKeys(t)
        },
      },
    )
  },
}

describe('6. integrations are read once, inside validation', () => {
  for (const deferEncoding of [false, true]) {
    for (const [kind, make] of Object.entries(SECOND_READ_THROWS)) {
      it(`six calls with a ${kind} that throws on its second read${deferEncoding ? ', deferEncoding' : ''}: all delivered, nothing raw thrown`, async () => {
        const { analytics, log } = client({ deferEncoding })
        for (const type of TYPES) expect(call(analytics, type, { integrations: make() }), type).toBeUndefined()
        await analytics.flush()
        expect(log.of('error').map((e) => `${e.error.code}: ${e.error.message}`)).toEqual([])
        const report = analytics.report()
        expect(report.delivered).toBe(6)
        const received = sink.messages({ vendor: 'segment' })
        expect(received.map((m) => m.type).sort()).toEqual([...TYPES].sort())
        if (kind === 'getter')
          for (const m of received)
            expect((m.payload as { integrations: unknown }).integrations).toEqual({ Segment: { note: 'first read' } })
      })
    }
  }
})

describe('7. toJSON() on arrays and Dates is checked by path', () => {
  const cases: Record<string, () => unknown> = {
    'array whose toJSON throws': () =>
      Object.assign([1], {
        toJSON: () => {
          throw new Error('toJSON')
        },
      }),
    'array whose toJSON returns a BigInt': () => Object.assign([1], { toJSON: () => 1n }),
    'Date whose toJSON throws': () =>
      Object.assign(new Date(0), {
        toJSON: () => {
          throw new Error('toJSON')
        },
      }),
    'Date whose toJSON returns a BigInt': () => Object.assign(new Date(0), { toJSON: () => 1n }),
  }
  for (const middleware of [false, true]) {
    for (const [name, make] of Object.entries(cases)) {
      it(`${name}${middleware ? ' (multiplex member with middleware)' : ''}: ValidationError at its path; the calls around it arrive`, async () => {
        const { analytics, log } = client({ middleware })
        expect(call(analytics, 'track', { event: 'before' })).toBeUndefined()
        const error = call(analytics, 'track', { properties: { list: [0, { value: make() }] } })
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).field).toBe('properties.list[1].value')
        expect(call(analytics, 'track', { event: 'after' })).toBeUndefined()
        await analytics.flush()
        expect(log.of('dropped')).toEqual([])
        expect(sink.messages({ vendor: 'segment' }).map((m) => (m.payload as { event: string }).event)).toEqual(['before', 'after'])
      })
    }
  }
})

describe('8. huge sparse arrays are refused before they are walked', () => {
  it('2^24 empty slots: refused by path, not one slot read', () => {
    let reads = 0
    const sparse = new Proxy(new Array(2 ** 24), {
      get: (t, k, r) => {
        if (typeof k === 'string' && /^\d+$/.test(k)) reads++
        return Reflect.get(t, k, r) as unknown
      },
    })
    const { analytics } = client()
    const error = call(analytics, 'track', { properties: { items: sparse } })
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('properties.items')
    expect(reads).toBe(0)
  })

  it.each(['properties', 'context', 'traits', 'integrations'])('a length of 2^32 - 1 under %s: refused by path', (root) => {
    const { analytics } = client({ deferEncoding: true })
    const value = root === 'integrations' ? { Segment: { list: new Array(2 ** 32 - 1) } } : { list: new Array(2 ** 32 - 1) }
    const error = call(analytics, root === 'traits' ? 'identify' : 'track', { [root]: value })
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe(root === 'integrations' ? 'integrations.Segment.list' : `${root}.list`)
  })

  it('an array that fits is still delivered', async () => {
    const { analytics } = client()
    expect(call(analytics, 'track', { properties: { items: new Array(100).fill(7) } })).toBeUndefined()
    await analytics.flush()
    expect((sink.messages({ vendor: 'segment' })[0]?.payload as { properties: { items: number[] } }).properties.items).toHaveLength(100)
  })
})
