import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { JOURNEY_TYPES, signupJourney } from '../../parity/src/swap-app.mjs'
import { segment } from './index.js'

const KEY = 'integration-key-1'
let sink: Sink

beforeAll(async () => {
  sink = await startSink({ port: 0, keys: { segment: [KEY] } })
})
afterAll(async () => {
  await sink.close()
})
beforeEach(() => sink.reset())

const make = (key: string) => segment({ writeKey: key, host: sink.urlFor('segment') })

describe('segment through the sink', () => {
  it('delivers all six calls of the swap application with auth, path and compression', async () => {
    const analytics = new Analytics({ destination: make(KEY), flushInterval: 50 })
    signupJourney(analytics)
    const report = await analytics.close()
    expect(report.delivered).toBe(6)
    const messages = sink.messages({ vendor: 'segment' })
    expect(messages.map((m) => m.type)).toEqual(JOURNEY_TYPES)
    expect(new Set(messages.map((m) => m.userId))).toEqual(new Set(['swap-user-1']))
    const requests = sink.requests({ vendor: 'segment' })
    expect(requests.length).toBeGreaterThan(0)
    for (const request of requests) {
      expect(request.status).toBe(200)
      expect(`${request.method} ${request.path}`).toBe(`POST /segment/v1/batch`)
      expect(request.gzip).toBe(false)
      expect(request.headers['content-type']).toBe('application/json')
      expect(request.headers['user-agent']).toMatch(/^polytrack-node\//)
      expect(request.headers.authorization).toBe('Basic ****')
    }
  })

  it('is refused by the sink with a wrong key (the key really travels)', async () => {
    const analytics = new Analytics({ destination: make('wrong-key'), flushInterval: 50, maxRetries: 0 })
    analytics.on('error', () => undefined)
    analytics.track({ userId: 'u1', event: 'Refused' })
    const report = await analytics.close({ timeout: 5_000 })
    expect(report.delivered).toBe(0)
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(0)
    expect(sink.requests({ vendor: 'segment' })[0]?.status).toBe(401)
  })
})
