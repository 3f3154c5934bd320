import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mixpanel } from './index.js'

const TOKEN = 'mp-integration-token'
const SECRET = 'mp-integration-secret'
let sink: Sink
beforeAll(async () => {
  sink = await startSink({ port: 0, keys: { mixpanel: [TOKEN, SECRET] } })
})
afterAll(() => sink.close())
beforeEach(() => sink.reset())

describe('mixpanel through the sink', () => {
  // The six calls through the sink, a wrong token, limits, 413, secrets, routing and parity: mixpanel.conformance.test.ts.
  it('authenticates /import with a service account (project_id in the query), the API secret or the token', async () => {
    for (const options of [{ serviceAccount: { username: 'sa.polytrack', secret: SECRET, projectId: '42' } }, { apiSecret: SECRET }, {}]) {
      const analytics = new Analytics({
        destination: mixpanel({ token: TOKEN, host: sink.urlFor('mixpanel'), ...options }),
        flushIntervalMs: 50,
      })
      analytics.track({ userId: 'user-1', event: 'Authenticated' })
      expect((await analytics.close()).delivered).toBe(1)
    }
    expect(sink.requests({ vendor: 'mixpanel' }).map((r) => r.status)).toEqual([200, 200, 200])
  })

  it('is refused with a wrong API secret or token (each key really travels)', async () => {
    for (const options of [
      { token: TOKEN, apiSecret: 'wrong-secret' },
      { token: 'wrong', apiSecret: 'also-wrong' },
    ]) {
      const analytics = new Analytics({ destination: mixpanel({ ...options, host: sink.urlFor('mixpanel') }), maxRetries: 0 })
      analytics.on('error', () => undefined)
      analytics.track({ userId: 'user-1', event: 'Refused' })
      expect((await analytics.close({ timeoutMs: 5_000 })).delivered).toBe(0)
    }
    expect(sink.messages({ vendor: 'mixpanel' })).toHaveLength(0)
    expect(sink.requests({ vendor: 'mixpanel' }).map((r) => r.status)).toEqual([401, 401])
  })

  it('surfaces a strict=1 refusal: the error carries failed_records (index, $insert_id, field, message)', async () => {
    // Every rule the sink checks is checked by the adapter first (a ValidationError at the call), so
    // the vendor's answer is scripted here: Mixpanel's documented 400 for one refused record.
    const failed = {
      code: 400,
      error: 'some data points in the request failed validation',
      status: 'Bad Request',
      num_records_imported: 0,
      failed_records: [{ index: 0, insert_id: 'x', field: 'properties.time', message: "'properties.time' is invalid" }],
    }
    sink.inject('mixpanel', { status: 400, body: JSON.stringify(failed) })
    const errors: string[] = []
    const analytics = new Analytics({
      destination: mixpanel({ token: TOKEN, apiSecret: SECRET, host: sink.urlFor('mixpanel') }),
      flushIntervalMs: 50,
      maxRetries: 0,
    })
    analytics.on('error', ({ error }) => errors.push(`${error.message} ${(error as { serverText?: string }).serverText ?? ''}`))
    analytics.track({ userId: 'user-1', event: 'Refused' })
    await analytics.close({ timeoutMs: 5_000 })
    expect(errors.join('\n')).toMatch(/HTTP 400.*failed_records.*properties\.time/s)
  })

  it('refuses at the call what Mixpanel would refuse: placeholder ids, times out of range, 255 properties', () => {
    const analytics = new Analytics({ destination: mixpanel({ token: TOKEN, host: sink.urlFor('mixpanel') }), flushIntervalMs: 60_000 })
    expect(() => analytics.track({ userId: 'null', event: 'E' })).toThrow(/userId.*placeholder/)
    expect(() => analytics.track({ userId: 'user-1', event: 'E', timestamp: new Date('1970-06-01T00:00:00Z') })).toThrow(/timestamp/)
    expect(() => analytics.track({ userId: 'user-1', event: 'E', timestamp: new Date(Date.now() + 2 * 3_600_000) })).toThrow(/timestamp/)
    const properties = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, i]))
    expect(() => analytics.track({ userId: 'user-1', event: 'E', properties })).toThrow(/properties/)
    void analytics.close({ timeoutMs: 0 })
  })
})
