import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { amplitude, amplitudeVerdicts } from './index.js'

const items = ['{"user_id":"user-1"}', '{"user_id":"user-2"}', '{"device_id":"device-3"}', '{"user_id":"user-4"}']

describe('amplitudeVerdicts', () => {
  it('400 listing invalid events: refuses them, sends the others again', () => {
    const body = JSON.stringify({
      code: 400,
      error: 'Request missing required field',
      events_with_invalid_fields: { time: [1] },
      events_with_missing_fields: { event_type: [3] },
    })
    expect(amplitudeVerdicts(400, body, items)).toMatchObject({ refused: [1, 3], retry: [0, 2] })
  })

  it('429: refuses the events of users and devices over quota, sends the rest again after 30 s when some were throttled', () => {
    const body = JSON.stringify({
      code: 429,
      throttled_events: [0],
      exceeded_daily_quota_users: { 'user-2': 1 },
      exceeded_daily_quota_devices: { 'device-3': 1 },
    })
    expect(amplitudeVerdicts(429, body, items)).toEqual(expect.objectContaining({ refused: [1, 2], retry: [0, 3], retryAfterMs: 30_000 }))
  })

  it('leaves everything else to the status', () => {
    expect(amplitudeVerdicts(400, JSON.stringify({ code: 400, error: 'Invalid API key: x' }), items)).toBeUndefined()
    expect(amplitudeVerdicts(400, 'not json', items)).toBeUndefined()
    expect(amplitudeVerdicts(500, '{}', items)).toBeUndefined()
    expect(amplitudeVerdicts(200, undefined, items)).toBeUndefined()
  })
})

describe('Amplitude item verdicts through the sink', () => {
  let sink: Sink
  beforeAll(async () => {
    sink = await startSink({ keys: { amplitude: ['amp-key'] } })
  })
  afterAll(async () => {
    await sink.close()
  })

  it('an answer listing one invalid event fails that event only; the others are sent again and arrive', async () => {
    sink.inject('amplitude', {
      status: 400,
      body: JSON.stringify({ code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { time: [1] } }),
    })
    const analytics = new Analytics({
      destination: amplitude({ apiKey: 'amp-key', host: sink.urlFor('amplitude') }),
      flushAt: 3,
      retryBaseDelayMs: 1,
    })
    const failed: string[] = []
    analytics.on('error', (e) => failed.push(...e.messageIds))
    for (let i = 0; i < 3; i++) analytics.track({ userId: `user-${i}0000`, event: 'E', messageId: `m${i}` })
    const report = await analytics.close()
    expect(report).toMatchObject({ delivered: 2, failed: 1 })
    expect(failed).toEqual(['m1'])
    expect(
      sink
        .messages({ vendor: 'amplitude' })
        .map((m) => m.id)
        .sort(),
    ).toEqual(['m0', 'm2'])
  })
})
