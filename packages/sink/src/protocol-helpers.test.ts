import { describe, expect, it } from 'vitest'
import { segmentTypeOfAmplitudeEvent } from './amplitude-protocol.js'
import { segmentTypeOfEvent } from './posthog-protocol.js'
import { post, useSink } from './test-utils.js'

const INHERITED = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']

describe('event names that are Object.prototype members', () => {
  it.each(INHERITED)('%s is a track event, not an inherited function', (name) => {
    expect(segmentTypeOfEvent(name)).toBe('track')
    expect(segmentTypeOfAmplitudeEvent(name)).toBe('track')
  })

  describe('through the sink', () => {
    const sink = useSink()

    it('are recorded and counted as track for PostHog, Amplitude and Mixpanel', async () => {
      const now = Date.now()
      const posthog = INHERITED.map((event, i) => ({ event, distinct_id: 'u1', uuid: `ph-${i}` }))
      const amplitude = INHERITED.map((event_type, i) => ({ event_type, user_id: 'user-1', insert_id: `amp-${i}` }))
      const mixpanel = INHERITED.map((event, i) => ({
        event,
        properties: { distinct_id: 'u1', time: now, $insert_id: `mp-${i}`, token: 't' },
      }))
      expect((await post(`${sink.urlFor('posthog')}/batch/`, { api_key: 'k', batch: posthog })).status).toBe(200)
      expect((await post(`${sink.urlFor('amplitude')}/2/httpapi`, { api_key: 'k', events: amplitude })).status).toBe(200)
      expect((await post(`${sink.urlFor('mixpanel')}/track`, mixpanel)).status).toBe(200)
      expect(sink.messages().map((m) => m.type)).toEqual(Array(INHERITED.length * 3).fill('track'))
      for (const vendor of ['posthog', 'amplitude', 'mixpanel'] as const) {
        expect(sink.stats().byVendor[vendor]?.byType).toEqual({ track: INHERITED.length })
      }
    })
  })
})
