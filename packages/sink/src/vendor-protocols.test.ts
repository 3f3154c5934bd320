import { describe, expect, it } from 'vitest'
import { post, useSink } from './test-utils.js'

const now = Date.now()
const ampEvent = (over: Record<string, unknown> = {}) => ({
  event_type: 'Signed Up',
  user_id: 'user-1',
  time: now,
  insert_id: `i-${Math.random()}`,
  ...over,
})
const mpEvent = (over: Record<string, unknown> = {}) => ({
  event: 'Signed Up',
  properties: { distinct_id: 'user-1', time: now, $insert_id: `id${Math.floor(Math.random() * 1e9)}`, token: 'mp_token', ...over },
})

describe('Amplitude HTTP V2 and Batch APIs', () => {
  const sink = useSink({ keys: { amplitude: ['amp_good'] } }, { reset: true })

  it('records events on /2/httpapi and /batch, types mapped back, key masked in the envelope', async () => {
    const events = ['$identify', '$groupidentify', '[Amplitude] Page Viewed', '[Amplitude] Screen Viewed', 'Signed Up'].map((event_type) =>
      ampEvent({ event_type }),
    )
    const res = await post(`${sink.urlFor('amplitude')}/2/httpapi`, { api_key: 'amp_good', events, options: {} })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ code: 200, events_ingested: 5 })
    expect((await post(`${sink.urlFor('amplitude')}/batch`, { api_key: 'amp_good', events: [ampEvent()] })).status).toBe(200)
    expect(sink.messages({ vendor: 'amplitude' }).map((m) => m.type)).toEqual(['identify', 'group', 'page', 'screen', 'track', 'track'])
    expect(sink.requests()[0]?.body).toEqual({ api_key: '****', options: {} })
  })

  it('answers 400 for a bad key, events it would reject (by index), and 413 over 2,000 events', async () => {
    const url = `${sink.urlFor('amplitude')}/2/httpapi`
    const bad = await post(url, { api_key: 'nope', events: [ampEvent()] })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/^Invalid API key/)
    const invalid = await post(url, {
      api_key: 'amp_good',
      events: [ampEvent(), ampEvent({ user_id: 'abc' }), ampEvent({ event_type: '' })],
    })
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({
      events_with_invalid_id_lengths: { user_id: [1] },
      events_with_missing_fields: { event_type: [2] },
    })
    const short = await post(url, { api_key: 'amp_good', events: [ampEvent({ user_id: 'abc' })], options: { min_id_length: 1 } })
    expect(short.status).toBe(200)
    const many = await post(url, { api_key: 'amp_good', events: Array.from({ length: 2001 }, () => ampEvent()) })
    expect(many.status).toBe(413)
  })
})

describe('Mixpanel ingestion', () => {
  const sink = useSink({ keys: { mixpanel: ['mp_token', 'mp_secret'] } }, { reset: true })

  it('/import: Basic auth, JSON array and NDJSON, tokens masked in the records', async () => {
    const url = `${sink.urlFor('mixpanel')}/import?strict=1`
    expect((await post(url, [mpEvent()], { key: 'mp_secret' })).status).toBe(200)
    const ndjson = `${JSON.stringify(mpEvent())}\n${JSON.stringify(mpEvent({ distinct_id: 'user-2' }))}\n`
    const res = await post(url, ndjson, { key: 'mp_token', headers: { 'content-type': 'application/x-ndjson' } })
    expect(await res.json()).toEqual({ code: 200, num_records_imported: 2, status: 'OK' })
    expect(sink.messages({ vendor: 'mixpanel' }).map((m) => (m.payload as { properties: { token: string } }).properties.token)).toEqual([
      '****',
      '****',
      '****',
    ])
    expect((await post(url, [mpEvent()], { key: 'wrong' })).status).toBe(401)
    expect((await post(url, [mpEvent()])).status).toBe(401)
  })

  it('/import strict=1: 400 with failed_records, and the valid events are still ingested', async () => {
    const url = `${sink.urlFor('mixpanel')}/import?strict=1`
    const res = await post(
      url,
      [mpEvent(), mpEvent({ distinct_id: 'null' }), mpEvent({ time: now + 7_200_000 }), mpEvent({ $insert_id: 'x'.repeat(37) })],
      { key: 'mp_secret' },
    )
    expect(res.status).toBe(400)
    const body = (await res.json()) as { num_records_imported: number; failed_records: { index: number; field: string }[] }
    expect(body.num_records_imported).toBe(1)
    expect(body.failed_records.map((f) => [f.index, f.field])).toEqual([
      [1, 'properties.distinct_id'],
      [2, 'properties.time'],
      [3, 'properties.$insert_id'],
    ])
    expect(sink.messages({ vendor: 'mixpanel' })).toHaveLength(1)
  })

  it('a service account must name its project', async () => {
    const auth = { authorization: `Basic ${Buffer.from('sa.user:mp_secret').toString('base64')}` }
    expect((await post(`${sink.urlFor('mixpanel')}/import`, [mpEvent()], { headers: auth })).status).toBe(400)
    expect((await post(`${sink.urlFor('mixpanel')}/import?project_id=42`, [mpEvent()], { headers: auth })).status).toBe(200)
  })

  it("/engage, /groups and /track take the token in each record; the official package's form and GET forms too", async () => {
    const base = sink.urlFor('mixpanel')
    expect((await post(`${base}/engage`, [{ $token: 'mp_token', $distinct_id: 'user-1', $set: { a: 1 } }])).status).toBe(200)
    expect((await post(`${base}/groups`, [{ $token: 'mp_token', $group_key: 'company', $group_id: 'c-1', $set: { a: 1 } }])).status).toBe(
      200,
    )
    expect((await post(`${base}/engage`, [{ $token: 'other', $distinct_id: 'user-1', $set: {} }])).status).toBe(401)
    const form = `data=${encodeURIComponent(Buffer.from(JSON.stringify([mpEvent()])).toString('base64'))}`
    expect(
      (await post(`${base}/track?ip=0&verbose=0`, form, { headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status,
    ).toBe(200)
    const data = Buffer.from(JSON.stringify({ $token: 'mp_token', $distinct_id: 'u', $set: { b: 2 } })).toString('base64')
    const get = await fetch(`${base}/engage?ip=0&verbose=0&data=${encodeURIComponent(data)}`)
    expect(get.status).toBe(200)
    expect(await get.text()).toBe('1')
    expect(sink.messages({ vendor: 'mixpanel' }).map((m) => m.type)).toEqual(['identify', 'group', 'track', 'identify'])
    // Profile updates that fail validation: 200 with status 0, as Mixpanel answers them, and nothing recorded.
    const invalid = await post(`${base}/engage?verbose=1`, [{ $token: 'mp_token', $distinct_id: 'user-1' }])
    expect(invalid.status).toBe(200)
    expect(await invalid.json()).toMatchObject({ status: 0 })
  })
})
