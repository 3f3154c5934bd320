import { describe, expect, it } from 'vitest'
import { post, trackMessage, useSink } from './test-utils.js'
import type { VendorName } from './types.js'

const SEGMENT_FAMILY: VendorName[] = ['rudderstack', 'hightouch', 'customerio', 'segment']

describe('Segment-family ingestion', () => {
  const sink = useSink({ keys: { hightouch: ['ht_good'], segment: ['seg_good'] } }, { reset: true })

  const keyFor = (vendor: VendorName): string => (vendor === 'hightouch' ? 'ht_good' : vendor === 'segment' ? 'seg_good' : 'any-key')

  it.each(SEGMENT_FAMILY)('%s accepts a valid batch and records every message', async (vendor) => {
    const batch = [
      trackMessage(),
      { type: 'identify', userId: 'u1', messageId: `id-${vendor}`, traits: { a: 1 } },
      { type: 'page', anonymousId: 'anon', messageId: `pg-${vendor}`, name: 'Home' },
      { type: 'screen', userId: 7, messageId: `sc-${vendor}` },
      { type: 'group', userId: 'u1', groupId: 'g1', messageId: `gr-${vendor}` },
      { type: 'alias', userId: 'u1', previousId: 'anon', messageId: `al-${vendor}` },
    ]
    const res = await post(`${sink.urlFor(vendor)}/v1/batch`, { batch, sentAt: 'now', writeKey: 'secret' }, { key: keyFor(vendor) })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toBe(vendor === 'rudderstack' ? 'OK' : '{}')
    const messages = sink.messages({ vendor })
    expect(messages.map((m) => m.type)).toEqual(['track', 'identify', 'page', 'screen', 'group', 'alias'])
    expect(messages[0]).toMatchObject({ id: batch[0]?.messageId, userId: 'user-1', payload: batch[0] })
    expect(messages[2]?.userId).toBeUndefined()
    expect(messages[3]?.userId).toBe('7')
    const request = sink.requests({ vendor })[0]
    expect(request).toMatchObject({ status: 200, messageCount: 6, body: { sentAt: 'now', writeKey: '****' } })
    expect(request?.headers.authorization).toBe('Basic ****')
    expect(sink.stats().byVendor[vendor]).toMatchObject({ requests: 1, accepted: 6, uniqueIds: 6 })
  })

  it('serves unprefixed /v1/* as segment', async () => {
    const res = await post(`${sink.url}/v1/batch`, { batch: [trackMessage()] }, { key: 'seg_good' })
    expect(res.status).toBe(200)
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
  })

  it.each(['identify', 'track', 'page', 'screen', 'group', 'alias'])('single-call route /v1/%s implies the type', async (type) => {
    const message = { userId: 'u1', previousId: 'p', groupId: 'g', event: 'E', messageId: `single-${type}` }
    const res = await post(`${sink.urlFor('customerio')}/v1/${type}`, message, { key: 'cio' })
    expect(res.status).toBe(200)
    const [recorded] = sink.messages()
    expect(recorded).toMatchObject({ type, id: `single-${type}`, payload: message })
    expect(sink.requests()[0]?.messageCount).toBe(1)
  })

  it('rejects a single call whose type contradicts the route', async () => {
    const res = await post(`${sink.urlFor('customerio')}/v1/track`, trackMessage({ type: 'identify' }), { key: 'k' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ field: 'type' })
  })

  it('records gzip bodies', async () => {
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch: [trackMessage(), trackMessage()] }, { key: 'k', gzip: true })
    expect(res.status).toBe(200)
    expect(sink.stats().byVendor.rudderstack).toMatchObject({ accepted: 2, gzipRequests: 1 })
  })

  it.each([
    ['missing', undefined],
    ['wrong', 'seg_wrong_key'],
    ['empty', ''],
  ])('answers 401 when the Basic key is %s, without echoing it', async (_label, key) => {
    const options = key === undefined ? {} : { key }
    const res = await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage()] }, options)
    expect(res.status).toBe(401)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ code: 'unauthorized' })
    expect(text).not.toContain('seg_wrong_key')
    expect(sink.messages()).toHaveLength(0)
    expect(sink.stats().byVendor.segment).toMatchObject({ requests: 1, rejectedRequests: 1, statuses: { '401': 1 } })
  })

  it('answers 401 for a non-Basic authorization header', async () => {
    const res = await post(`${sink.urlFor('customerio')}/v1/batch`, { batch: [trackMessage()] }, { headers: { authorization: 'Bearer k' } })
    expect(res.status).toBe(401)
  })

  it.each([
    ['type unknown', { type: 'purchase' }, 'type'],
    ['messageId missing', { messageId: undefined }, 'messageId'],
    ['messageId empty', { messageId: '' }, 'messageId'],
    ['no user or anonymous id', { userId: undefined }, 'userId'],
    ['track without event', { event: undefined }, 'event'],
    ['group without groupId', { type: 'group', groupId: undefined }, 'groupId'],
    ['alias without previousId', { type: 'alias' }, 'previousId'],
    ['alias with only anonymousId', { type: 'alias', userId: undefined, anonymousId: 'a', previousId: 'p' }, 'userId'],
  ])('answers 400 naming index and field: %s', async (_label, override, field) => {
    const batch = [trackMessage(), trackMessage(), trackMessage(override)]
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch }, { key: 'k' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ index: 2, field })
    expect(String(body.message)).toContain('batch[2]')
    expect(sink.messages()).toHaveLength(0)
  })

  it('answers 400 for a non-object item, a missing or empty batch and invalid JSON', async () => {
    const url = `${sink.urlFor('hightouch')}/v1/batch`
    const bodies: unknown[] = [{ batch: [trackMessage(), 'oops'] }, { sentAt: 'x' }, { batch: [] }, '{"batch": [', '"text"']
    for (const body of bodies) {
      const res = await post(url, body, { key: 'ht_good' })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect(sink.messages()).toHaveLength(0)
  })

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await post(`${sink.urlFor('segment')}/v1/nope`, {}, { key: 'seg_good' })).status).toBe(404)
    expect((await post(`${sink.urlFor('posthog')}/v1/batch`, {})).status).toBe(404)
    expect((await post(`${sink.urlFor('rudderstack')}/batch/`, {})).status).toBe(404)
    expect((await post(`${sink.url}/elsewhere`, {})).status).toBe(404)
    const get = await fetch(`${sink.urlFor('segment')}/v1/batch`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect(sink.stats().total.requests).toBe(0)
  })
})
