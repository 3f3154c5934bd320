// What a web page (or a DNS-rebinding attacker) could make the sink do, sent from Node with the
// headers a browser would send (issue 15, item 5). The real-browser version of these attacks is
// packages/reliability/test/hostile-web-pages.test.ts.
import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSink } from './start-sink.js'
import { post, posthogItem, trackMessage, useSink } from './test-utils.js'
import type { Sink } from './types.js'

interface RawAnswer {
  status: number
  body: string
}

/** One request with exactly these headers (fetch would not let us set Host). */
function raw(sink: Sink, method: string, path: string, headers: Record<string, string>, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: sink.port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** The status the sink answers to a Segment batch of one `forged` event, with a valid key and these headers. */
async function forgedSegmentBatch(sink: Sink, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ batch: [trackMessage({ event: 'forged' })] })
  const authorization = `Basic ${Buffer.from('k:').toString('base64')}`
  return (await raw(sink, 'POST', '/segment/v1/batch', { ...headers, authorization }, body)).status
}

describe('the sink refuses what a web page of another origin sends', () => {
  let sink: Sink
  let own: string
  const EVIL = 'http://evil.example'
  beforeAll(async () => {
    sink = await startSink()
    own = `127.0.0.1:${sink.port}`
  })
  afterAll(() => sink.close())
  beforeEach(async () => {
    sink.reset()
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage({ userId: 'kept' })] }, { key: 'k' })
  })

  it('POST /_sink/reset from another origin: 403, nothing wiped', async () => {
    const answer = await raw(sink, 'POST', '/_sink/reset', { host: own, origin: EVIL, 'content-type': 'application/json' }, '{}')
    expect(answer.status).toBe(403)
    expect(sink.messages()).toHaveLength(1)
  })

  it('POST /_sink/reset with a content type a page sends without preflight: 415, nothing wiped', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const headers: Record<string, string> = { host: own }
      if (type !== '') headers['content-type'] = type
      expect((await raw(sink, 'POST', '/_sink/reset', headers, '')).status, type).toBe(415)
    }
    expect(sink.messages()).toHaveLength(1)
  })

  it('POST /_sink/faults as text/plain (with or without Origin): refused, no fault queued', async () => {
    const body = JSON.stringify({ vendor: '*', steps: [{ status: 500 }] })
    expect((await raw(sink, 'POST', '/_sink/faults', { host: own, origin: EVIL, 'content-type': 'text/plain' }, body)).status).toBe(403)
    expect((await raw(sink, 'POST', '/_sink/faults', { host: own, 'content-type': 'text/plain' }, body)).status).toBe(415)
    const next = await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage()] }, { key: 'k' })
    expect(next.status).toBe(200)
  })

  it('a forged vendor event from another origin (text/plain, no preflight): 403, not recorded', async () => {
    const forged = JSON.stringify({ api_key: 'phc_x', batch: [posthogItem({ event: 'forged' })] })
    expect((await raw(sink, 'POST', '/batch/', { host: own, origin: EVIL, 'content-type': 'text/plain' }, forged)).status).toBe(403)
    expect(await forgedSegmentBatch(sink, { host: own, origin: 'null', 'content-type': 'text/plain' })).toBe(403)
    expect(sink.messages().map((m) => m.userId)).toEqual(['kept'])
  })

  it('no-cors reads and cross-site fetches without Origin are refused (Sec-Fetch-Site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect(
        (await raw(sink, 'GET', '/_sink/messages', { host: own, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors' })).status,
        site,
      ).toBe(403)
      expect((await raw(sink, 'GET', '/_sink/events', { host: own, 'sec-fetch-site': site, 'sec-fetch-mode': 'cors' })).status, site).toBe(
        403,
      )
    }
  })

  it('a Host that is not a loopback name with the sink port (DNS rebinding) is refused on every route', async () => {
    for (const host of [
      'attacker.example',
      `attacker.example:${sink.port}`,
      `127.0.0.1.nip.io:${sink.port}`,
      `localhost:${sink.port + 1}`,
      '127.0.0.1',
      `10.0.0.1:${sink.port}`,
    ]) {
      for (const [method, path] of [
        ['GET', '/_sink/messages'],
        ['GET', '/'],
        ['POST', '/_sink/reset'],
        ['GET', '/_sink/stats'],
      ] as const) {
        const answer = await raw(sink, method, path, { host, 'content-type': 'application/json' }, method === 'POST' ? '{}' : '')
        expect(answer.status, `${host} ${method} ${path}`).toBe(403)
        expect(answer.body).not.toContain('kept')
      }
    }
    expect(await forgedSegmentBatch(sink, { host: `attacker.example:${sink.port}`, 'content-type': 'application/json' })).toBe(403)
    expect(sink.messages()).toHaveLength(1)
  })

  it('keeps working for legitimate callers: Node (no Origin), loopback Hosts, the sink’s own page', async () => {
    for (const host of [own, `localhost:${sink.port}`, `LOCALHOST:${sink.port}`, `[::1]:${sink.port}`, `127.1.2.3:${sink.port}`]) {
      expect((await raw(sink, 'GET', '/_sink/messages', { host })).status, host).toBe(200)
    }
    const sameOrigin = { host: own, origin: `http://${own}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }
    expect((await raw(sink, 'GET', '/_sink/stats', sameOrigin)).status).toBe(200)
    expect(
      (await raw(sink, 'POST', '/_sink/faults', sameOrigin, JSON.stringify({ vendor: 'segment', steps: [{ pass: true }] }))).status,
    ).toBe(200)
    // Opening the inspector from a link on another site is a navigation: the page itself is served.
    expect(
      (
        await raw(sink, 'GET', '/', {
          host: own,
          'sec-fetch-site': 'cross-site',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-dest': 'document',
        })
      ).status,
    ).toBe(200)
    expect((await raw(sink, 'POST', '/_sink/reset', { host: own, 'content-type': 'application/json; charset=utf-8' }, '')).status).toBe(200)
    expect(sink.messages()).toHaveLength(0)
  })
})

describe('the control API masks credentials at any depth', () => {
  const sink = useSink()

  it('in /_sink/messages payloads (a Segment single call carries its writeKey) and /_sink/requests bodies and headers', async () => {
    const SECRET = 'wk_live_SECRET_in_body'
    await post(
      `${sink.urlFor('segment')}/v1/track`,
      trackMessage({ writeKey: SECRET, context: { nested: { apiKey: SECRET, token: SECRET } } }),
      { key: 'k' },
    )
    await post(
      `${sink.urlFor('segment')}/v1/batch`,
      { batch: [trackMessage()], writeKey: SECRET, context: { deep: { api_key: SECRET } } },
      { key: 'k', headers: { 'x-api-key': SECRET, cookie: `session=${SECRET}` } },
    )
    const messages = await (await fetch(`${sink.url}/_sink/messages`)).text()
    const requests = await (await fetch(`${sink.url}/_sink/requests`)).text()
    expect(messages).toContain('"writeKey":"****"')
    expect(messages).not.toContain(SECRET)
    expect(requests).not.toContain(SECRET)
    expect(JSON.parse(requests).requests[1].body).toMatchObject({ context: { deep: { api_key: '****' } } })
    // The programmatic API, in the test's own process, still sees exactly what arrived.
    expect(sink.messages()[0]?.payload).toMatchObject({ writeKey: SECRET })
  })
})
