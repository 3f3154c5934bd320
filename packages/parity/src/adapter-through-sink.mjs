// The integration tests every adapter shares, registered with vitest by each adapter package:
// the swap application's six calls delivered through the sink on 127.0.0.1 with the vendor's path,
// compression, content type, user agent and auth; and a wrong key refused (the key really travels).
import { Analytics } from '@polytrack/core'
import { startSink } from '@polytrack/sink'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { JOURNEY_TYPES, signupJourney } from './swap-app.mjs'

const KEY = 'integration-key-1'

/** @param {import('./adapter-through-sink.d.mts').ThroughSinkSpec} spec */
export function describeThroughSink({ vendor, create, path, gzip, checkAuth, types = JOURNEY_TYPES, wrongKeyStatus = 401 }) {
  let sink
  beforeAll(async () => {
    sink = await startSink({ port: 0, keys: { [vendor]: [KEY] } })
  })
  afterAll(async () => {
    await sink.close()
  })
  beforeEach(() => sink.reset())

  describe(`${vendor} through the sink`, () => {
    it('delivers all six calls of the swap application with auth, path and compression', async () => {
      const analytics = new Analytics({ destination: create(KEY, sink.urlFor(vendor)), flushInterval: 50 })
      signupJourney(analytics)
      const report = await analytics.close()
      expect(report.delivered).toBe(6)
      const messages = sink.messages({ vendor })
      expect(messages.map((m) => m.type)).toEqual(types)
      expect(new Set(messages.map((m) => m.userId))).toEqual(new Set(['swap-user-1']))
      const requests = sink.requests({ vendor })
      expect(requests.length).toBeGreaterThan(0)
      for (const request of requests) {
        expect(request.status).toBe(200)
        expect(`${request.method} ${request.path}`).toBe(`POST /${vendor}${path}`)
        expect(request.gzip).toBe(gzip)
        expect(request.headers['content-type']).toBe('application/json')
        expect(request.headers['user-agent']).toMatch(/^polytrack-node\//)
        checkAuth(request)
      }
    })

    it('is refused by the sink with a wrong key (the key really travels)', async () => {
      const analytics = new Analytics({ destination: create('wrong-key', sink.urlFor(vendor)), flushInterval: 50, maxRetries: 0 })
      analytics.on('error', () => undefined)
      analytics.track({ userId: 'refused-user-1', event: 'Refused' })
      const report = await analytics.close({ timeout: 5_000 })
      expect(report.delivered).toBe(0)
      expect(sink.messages({ vendor })).toHaveLength(0)
      expect(sink.requests({ vendor })[0]?.status).toBe(wrongKeyStatus)
    })
  })
}
