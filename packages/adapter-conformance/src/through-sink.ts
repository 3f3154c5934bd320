// The swap application's six calls delivered through the sink on 127.0.0.1 with the vendor's
// paths, method, compression, content type, user agent and auth; and a wrong key refused (the key
// really travels).
import { Analytics } from '@polytrack/core'
import type { RecordedRequest } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { lanesOf } from './adapter-under-test.js'
import type { JourneySpec, WireSpec } from './conformance-spec.js'
import type { ConformanceContext } from './conformance-context.js'
import { JOURNEY_TYPES, JOURNEY_USER, signupJourney } from './swap-app.js'

/** Checks the sink's recording of HTTP Basic auth (the sink masks the key: `Basic ****`). */
export function basicAuth(request: RecordedRequest): void {
  expect(request.headers.authorization).toBe('Basic ****')
}

/** Checks a key carried in the body's `member` (masked by the sink) and no Authorization header. */
export function keyInBody(member: string): (request: RecordedRequest) => void {
  return (request) => {
    expect(request.headers.authorization).toBeUndefined()
    expect(request.body).toMatchObject({ [member]: '****' })
  }
}

/** Registers the through-the-sink suite. */
export function describeThroughSink(ctx: ConformanceContext, wire: WireSpec, journey: JourneySpec = {}): void {
  const { adapter } = ctx
  const vendor = adapter.vendor

  describe('through the sink', () => {
    it('delivers all six calls of the swap application with auth, path and compression', async () => {
      const destination = adapter.create(ctx.key, ctx.sink().urlFor(vendor))
      const lanes = lanesOf(destination)
      const analytics = new Analytics({ destination })
      signupJourney(analytics)
      const report = await analytics.close()
      const delivered = journey.delivered ?? { [lanes[0]!.name]: JOURNEY_TYPES.length }
      expect(report.delivered).toBe(Object.values(delivered).reduce((a, n) => a + n, 0))
      for (const [name, count] of Object.entries(delivered)) expect(report.byDestination[name]?.delivered, name).toBe(count)

      const messages = ctx.sink().messages({ vendor })
      const types = messages.map((m) => m.type)
      const expectedTypes = journey.types ?? JOURNEY_TYPES
      if (lanes.length === 1) expect(types).toEqual(expectedTypes)
      else expect([...types].sort()).toEqual([...expectedTypes].sort())
      const userless = messages.filter((m) => m.userId === undefined).length
      expect(userless, 'messages without a user id').toBe(journey.withoutUser ?? 0)
      expect(new Set(messages.flatMap((m) => (m.userId === undefined ? [] : [m.userId])))).toEqual(new Set([JOURNEY_USER]))

      const requests = ctx.sink().requests({ vendor, kind: 'ingest' })
      expect(requests.length).toBeGreaterThan(0)
      const paths = wire.paths.map((p) => `/${vendor}${p}`)
      for (const request of requests) {
        expect(request.status, `${request.path} answered ${request.status} (is the vendor declared in packages/sink?)`).toBe(200)
        expect(request.method).toBe('POST')
        expect(paths).toContain(request.path)
        expect(request.gzip).toBe(wire.gzip)
        expect(request.headers['content-type']).toBe('application/json')
        expect(request.headers['user-agent']).toMatch(/^polytrack-node\//)
        wire.auth(request)
      }
      expect([...new Set(requests.map((r) => r.path))].sort()).toEqual([...paths].sort())
    })

    it('is refused by the sink with a wrong key (the key really travels)', async () => {
      const analytics = new Analytics({ destination: adapter.create('wrong-key', ctx.sink().urlFor(vendor)), maxRetries: 0 })
      analytics.on('error', () => undefined)
      signupJourney(analytics)
      const report = await analytics.close({ timeoutMs: 5_000 })
      expect(report.delivered).toBe(0)
      expect(ctx.sink().messages({ vendor })).toHaveLength(0)
      const statuses = ctx
        .sink()
        .requests({ vendor, kind: 'ingest' })
        .map((r) => r.status)
      expect(statuses.length).toBeGreaterThan(0)
      expect(new Set(statuses)).toEqual(new Set([wire.wrongKeyStatus ?? 401]))
    })
  })
}
