// Caller objects built to break the client after validation (issue 15, items 6, 7, 8): each is
// either accepted or refused with a ValidationError naming its path, never a raw Error, never a
// message counted nowhere, and never a walk over billions of empty array slots.
import { thrownBy } from '@polytrack/test-support/expect-thrown'
import { afterEach, describe, expect, it } from 'vitest'
import { Analytics } from '../analytics.js'
import type { Destination } from '../destination.js'
import type { DestinationSet } from '../destination-set.js'
import { ValidationError } from '../errors.js'
import type { AnalyticsEvents } from '../events/event-types.js'
import type { Middleware } from '../routing/middleware.js'
import type { MessageType } from '../spec/message.js'

const LIMIT = 32 * 1024

function destination(name: string): Destination {
  return {
    name,
    specificationVersion: 'v1',
    kind: 'tool',
    integrationNames: [name],
    limits: { messageBytes: LIMIT, batchBytes: 500 * 1024, batchMessages: 100 },
    secrets: [],
    encode: (message) => JSON.stringify(message),
    buildRequest: () => {
      throw new Error('never sent in these tests')
    },
  }
}

const open: Analytics[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close({ timeoutMs: 0 })))
})

function client(options: { deferEncoding?: boolean; middleware?: Middleware[] } = {}): {
  analytics: Analytics
  errors: AnalyticsEvents['error'][]
  dropped: AnalyticsEvents['dropped'][]
} {
  const target: Destination | DestinationSet = options.middleware
    ? {
        kind: 'set',
        members: [
          { destination: destination('a'), name: 'a', middleware: options.middleware },
          { destination: destination('b'), name: 'b', middleware: [] },
        ],
      }
    : destination('a')
  const analytics = new Analytics({
    destination: target,
    flushAt: 1000,
    flushIntervalMs: 60_000,
    deferEncoding: options.deferEncoding ?? false,
  })
  const errors: AnalyticsEvents['error'][] = []
  const dropped: AnalyticsEvents['dropped'][] = []
  analytics.on('error', (event) => errors.push(event))
  analytics.on('dropped', (event) => dropped.push(event))
  open.push(analytics)
  return { analytics, errors, dropped }
}

const CALLS: Record<MessageType, Record<string, unknown>> = {
  identify: { userId: 'u' },
  track: { userId: 'u', event: 'E' },
  page: { userId: 'u' },
  screen: { userId: 'u' },
  group: { userId: 'u', groupId: 'g' },
  alias: { userId: 'u', previousId: 'p' },
}

function call(analytics: Analytics, type: MessageType, extra: Record<string, unknown>): void {
  ;(analytics[type] as (params: unknown) => void)({ ...CALLS[type], ...extra })
}

/** integrations objects that can be read once, and throw on any later read. */
const secondReadThrows: Record<string, () => object> = {
  'a getter': () => {
    let reads = 0
    return {
      get PostHog() {
        if (++reads > 1) throw new Error('getter: second read')
        return false
      },
    }
  },
  'a Proxy get trap': () => {
    let reads = 0
    return new Proxy(
      { All: true },
      {
        get(target, key, receiver) {
          if (++reads > 1) throw new Error('get trap: second read')
          return Reflect.get(target, key, receiver) as unknown
        },
      },
    )
  },
  'a Proxy ownKeys trap': () => {
    let reads = 0
    return new Proxy(
      { All: true, Segment: { option: 1 } },
      {
        ownKeys(target) {
          if (++reads > 1) throw new Error('ownKeys trap: second read')
          return Reflect.ownKeys(target)
        },
      },
    )
  },
}

describe('integrations read once (item 6)', () => {
  for (const [kind, make] of Object.entries(secondReadThrows)) {
    for (const type of Object.keys(CALLS) as MessageType[]) {
      it(`${type} with ${kind} that throws on its second read: accepted and queued, nothing raw thrown`, () => {
        const { analytics, errors } = client()
        expect(thrownBy(() => call(analytics, type, { integrations: make() }))).toBeUndefined()
        expect(errors).toEqual([])
        expect(analytics.report().pending + analytics.report().filtered).toBe(1)
      })
    }

    it(`deferEncoding, ${kind}: every message is queued or counted, none reported as internal`, async () => {
      const { analytics, errors } = client({ deferEncoding: true })
      for (const type of Object.keys(CALLS) as MessageType[]) call(analytics, type, { integrations: make() })
      await Promise.resolve()
      const report = analytics.report()
      expect(errors.map((e) => e.error.code)).toEqual([])
      expect(report.pending + report.filtered + report.dropped).toBe(6)
    })
  }

  it('a caller that mutates integrations after the call changes nothing already queued', () => {
    const { analytics } = client()
    const integrations: Record<string, boolean> = { a: true }
    call(analytics, 'track', { integrations })
    integrations.a = false
    call(analytics, 'track', { integrations })
    expect(analytics.report()).toMatchObject({ pending: 1, filtered: 1 })
  })
})

/** Values whose toJSON throws or yields what JSON cannot carry. */
function hostileToJson(): Record<string, unknown> {
  const throwingArray = Object.assign([1, 2], {
    toJSON: () => {
      throw new Error('array toJSON')
    },
  })
  const bigintArray = Object.assign([1, 2], { toJSON: () => 10n })
  const throwingDate = Object.assign(new Date(0), {
    toJSON: () => {
      throw new Error('date toJSON')
    },
  })
  const bigintDate = Object.assign(new Date(0), { toJSON: () => 10n })
  return { throwingArray, bigintArray, throwingDate, bigintDate }
}

describe('toJSON on arrays and Dates (item 7)', () => {
  for (const [name, value] of Object.entries(hostileToJson())) {
    it(`${name} is refused by its path`, () => {
      const { analytics } = client()
      const error = thrownBy(() => analytics.track({ userId: 'u', event: 'E', properties: { nested: { value } } } as never))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('properties.nested.value')
    })

    it(`${name}, multiplex member with middleware: refused by its path, never counted as a middleware error`, () => {
      let ran = 0
      const { analytics, dropped } = client({ middleware: [(m) => (ran++, m)] })
      const error = thrownBy(() => analytics.track({ userId: 'u', event: 'E', properties: { value } } as never))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('properties.value')
      expect(ran).toBe(0)
      expect(dropped.filter((d) => d.reason === 'middleware-error')).toEqual([])
    })
  }
})

describe('huge sparse arrays (item 8)', () => {
  it('refuses an array that cannot fit in the message limit without reading its slots', () => {
    let reads = 0
    const sparse = new Proxy(new Array(2 ** 24), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    const { analytics } = client()
    const error = thrownBy(() => analytics.track({ userId: 'u', event: 'E', properties: { items: sparse } }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('properties.items')
    expect(reads).toBe(0)
  })

  it('refuses an array of length 2^32 - 1 by its path', () => {
    const { analytics } = client({ deferEncoding: true })
    const error = thrownBy(() => analytics.track({ userId: 'u', event: 'E', context: { list: [[], new Array(2 ** 32 - 1)] } }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('context.list[1]')
  })

  it('counts many medium arrays together', () => {
    const { analytics } = client()
    const properties = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`a${i}`, new Array(LIMIT / 64)]))
    const error = thrownBy(() => analytics.track({ userId: 'u', event: 'E', properties }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toMatch(/^properties\.a\d+$/)
  })

  it('still accepts arrays that fit', () => {
    const { analytics } = client()
    expect(thrownBy(() => analytics.track({ userId: 'u', event: 'E', properties: { items: new Array(1000).fill(1) } }))).toBeUndefined()
  })
})
