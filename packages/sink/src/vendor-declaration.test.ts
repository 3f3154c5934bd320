/**
 * A vendor is one declaration: two vendors that exist only in this file — one on an existing
 * protocol, one on a protocol declared here — are routed, authenticated, limited, parsed,
 * recorded, counted, listed and shown by the sink's own machinery, with no other sink file
 * knowing them. (Their names are cast to VendorName: that union is the built-in table's.)
 */
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { jsonAnswer } from './http-response.js'
import { resolveRoute } from './routes.js'
import { segmentProtocol } from './segment-protocol.js'
import type { SinkProtocol } from './sink-protocol.js'
import { startSinkWith } from './start-sink.js'
import { post, trackMessage } from './test-utils.js'
import type { Sink, VendorName } from './types.js'
import type { VendorDeclaration, VendorTable } from './vendor-declaration.js'
import { vendorTableProblem } from './vendor-table.js'
import { VENDOR_DECLARATIONS } from './vendors.js'

/** A protocol of its own: NDJSON `{name, user}` lines at `/events`, the key in `x-api-key`. */
const linesProtocol: SinkProtocol<'lines'> = {
  name: 'lines',
  routes: { '/events': { kind: 'ingest', methods: ['POST', 'PUT'], endpoint: 'events' } },
  body: 'text',
  admit: (request) =>
    request.keys === undefined || request.authorization === `Key ${request.keys[0]}` ? undefined : jsonAnswer(403, { error: 'bad key' }),
  refuseBody: (problem) => jsonAnswer(problem.kind === 'invalid-gzip' ? 400 : 413, { error: problem.kind }),
  parse: (body, request) => {
    const lines = String(body)
      .split('\n')
      .filter((line) => line !== '')
    const items = lines.map((line) => JSON.parse(line) as { name: string; user: string })
    const messages = items.map((item, index) => ({ type: 'track', id: `${request.endpoint}-${index}`, userId: item.user, payload: item }))
    return {
      answer: jsonAnswer(202, { accepted: messages.length }),
      messages,
      messageCount: messages.length,
      envelope: { lines: lines.length },
    }
  },
  specView: (message, item) => ({ type: message.type, event: item.name, userId: message.userId }),
}

const ACME = 'acme' as VendorName
const LINES = 'lines' as VendorName

const acme: VendorDeclaration = {
  protocol: segmentProtocol,
  limits: { batchBytes: 4_000, messageBytes: 600 },
  oversizeMessageStatus: 422,
  success: { contentType: 'text/plain; charset=utf-8', body: 'ACME OK' },
  color: '#123456',
}
const lines: VendorDeclaration = {
  protocol: linesProtocol,
  limits: { batchBytes: 1_000, messageBytes: 1_000 },
  oversizeMessageStatus: 413,
  success: { contentType: 'application/json', body: '{}' },
}
const TABLE: VendorTable = { ...VENDOR_DECLARATIONS, acme, lines }

interface Frame {
  event: string
  data: any
}

/** The event stream's frames up to `ready`: hello, the recorded messages, ready. */
async function streamOnConnect(url: string): Promise<Frame[]> {
  const controller = new AbortController()
  const reader = (await fetch(`${url}/_sink/events`, { signal: controller.signal })).body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes('event: ready')) text += decoder.decode((await reader.read()).value, { stream: true })
  controller.abort()
  return text.split('\n\n').flatMap((frame) => {
    const event = /^event: (.*)$/m.exec(frame)?.[1]
    const data = /^data: (.*)$/m.exec(frame)?.[1]
    return event === undefined || data === undefined ? [] : [{ event, data: JSON.parse(data) }]
  })
}

describe('a vendor declared on an existing protocol', () => {
  let sink: Sink
  beforeAll(async () => {
    sink = await startSinkWith(TABLE, { keys: { [ACME]: ['ak_acme'] } })
  })
  afterAll(() => sink.close())
  beforeEach(() => sink.reset())

  it("is routed under its name with its protocol's routes and methods", async () => {
    expect(resolveRoute('POST', '/acme/v1/batch/', TABLE)).toEqual({ kind: 'ingest', vendor: 'acme' })
    expect(resolveRoute('POST', '/acme/v1/page', TABLE)).toEqual({ kind: 'ingest', vendor: 'acme', singleType: 'page' })
    expect(resolveRoute('GET', '/acme/v1/batch', TABLE)).toEqual({ kind: 'method-not-allowed', allow: 'POST' })
    expect(resolveRoute('POST', '/acme/batch', TABLE)).toEqual({ kind: 'not-found' })
    expect(resolveRoute('POST', '/acme/v1/batch')).toEqual({ kind: 'not-found' }) // not in the built-in table
    expect(resolveRoute('POST', '/v1/batch', TABLE)).toEqual({ kind: 'ingest', vendor: 'segment' }) // not unprefixed
  })

  it('takes its keys, limits, oversize status and success answer from the declaration', async () => {
    const url = `${sink.urlFor(ACME)}/v1/batch`
    expect(sink.urlFor(ACME)).toBe(`${sink.url}/acme`)
    expect((await post(url, { batch: [trackMessage()] }, { key: 'wrong' })).status).toBe(401)
    const ok = await post(url, { batch: [trackMessage({ userId: 'u-acme' })], writeKey: 'ak_acme' }, { key: 'ak_acme' })
    expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([200, 'text/plain; charset=utf-8', 'ACME OK'])
    const big = await post(url, { batch: [trackMessage({ properties: { blob: 'x'.repeat(700) } })] }, { key: 'ak_acme' })
    expect([big.status, ((await big.json()) as { code: string }).code]).toEqual([422, 'message_too_large'])
    const batch = Array.from({ length: 12 }, () => trackMessage({ properties: { blob: 'y'.repeat(300) } }))
    expect((await post(url, { batch }, { key: 'ak_acme' })).status).toBe(413)
  })

  it("is recorded, counted, listed, fault-injected and shown with its protocol's spec view", async () => {
    await post(
      `${sink.urlFor(ACME)}/v1/identify`,
      trackMessage({ type: undefined, event: undefined, userId: 'u-seen', traits: { plan: 'pro' } }),
      { key: 'ak_acme' },
    )
    expect(sink.messages({ vendor: ACME }).map((m) => [m.type, m.userId])).toEqual([['identify', 'u-seen']])
    expect(sink.stats().byVendor[ACME]).toMatchObject({ requests: 1, accepted: 1, byType: { identify: 1 } })
    const listed = (await (await fetch(`${sink.url}/_sink/messages?vendor=acme`)).json()) as { total: number }
    expect(listed.total).toBe(1)

    const frames = await streamOnConnect(sink.url)
    expect(frames[0]?.data.vendors).toEqual([...Object.keys(VENDOR_DECLARATIONS), 'acme', 'lines'])
    expect(frames[0]?.data.counters.byVendor).toMatchObject({ acme: 1, lines: 0 })
    expect(frames[1]).toMatchObject({
      event: 'message',
      data: { vendor: 'acme', spec: { type: 'identify', userId: 'u-seen', traits: { plan: 'pro' } } },
    })
    expect(await (await fetch(`${sink.url}/`)).text()).toContain('--acme: #123456;')

    sink.inject(ACME, { status: 503 })
    expect((await post(`${sink.urlFor(ACME)}/v1/batch`, { batch: [trackMessage()] }, { key: 'ak_acme' })).status).toBe(503)
    const queued = await post(`${sink.url}/_sink/faults`, { vendor: 'acme', steps: [{ status: 429 }] })
    expect(queued.status).toBe(200)
    expect((await post(`${sink.urlFor(ACME)}/v1/batch`, { batch: [trackMessage()] }, { key: 'ak_acme' })).status).toBe(429)
    expect(sink.stats().byVendor[ACME]?.statuses).toEqual({ '200': 1, '503': 1, '429': 1 })
  })
})

describe('a vendor declared with a protocol of its own', () => {
  let sink: Sink
  beforeAll(async () => {
    sink = await startSinkWith(TABLE, { keys: { [LINES]: ['k1'] } })
  })
  afterAll(() => sink.close())

  const send = (body: string | Buffer, init: { method?: string; key?: string; headers?: Record<string, string> } = {}): Promise<Response> =>
    fetch(`${sink.urlFor(LINES)}/events/`, {
      method: init.method ?? 'POST',
      body,
      headers: { authorization: `Key ${init.key ?? 'k1'}`, ...init.headers },
    })

  it('is routed, admitted, decoded, parsed, answered, recorded and shown by that protocol', async () => {
    expect(resolveRoute('GET', '/lines/events', TABLE)).toEqual({ kind: 'method-not-allowed', allow: 'POST, PUT' })
    expect((await send('{"name":"a","user":"u1"}\n', { key: 'nope' })).status).toBe(403)
    const ok = await send('{"name":"Signed Up","user":"u1"}\n{"name":"Paid","user":"u2"}\n', { method: 'PUT' })
    expect([ok.status, await ok.json()]).toEqual([202, { accepted: 2 }])
    const gzip = await send(gzipSync('{"name":"Zipped","user":"u3"}\n'), { headers: { 'content-encoding': 'gzip' } })
    expect(gzip.status).toBe(202)
    const tooBig = await send(`${'{"name":"x","user":"u"}\n'.repeat(60)}`)
    expect([tooBig.status, await tooBig.json()]).toEqual([413, { error: 'over-limit' }])

    expect(sink.messages({ vendor: LINES }).map((m) => [m.id, m.userId])).toEqual([
      ['events-0', 'u1'],
      ['events-1', 'u2'],
      ['events-0', 'u3'],
    ])
    expect(sink.requests({ vendor: LINES }).map((r) => [r.status, r.body])).toEqual([
      [403, undefined],
      [202, { lines: 2 }],
      [202, { lines: 1 }],
      [413, undefined],
    ])
    expect(sink.stats().byVendor[LINES]).toMatchObject({ accepted: 3, duplicates: 1, gzipRequests: 1 })
    const frames = await streamOnConnect(sink.url)
    expect(frames.filter((f) => f.event === 'message').map((f) => f.data.spec)).toEqual([
      { type: 'track', event: 'Signed Up', userId: 'u1' },
      { type: 'track', event: 'Paid', userId: 'u2' },
      { type: 'track', event: 'Zipped', userId: 'u3' },
    ])
  })
})

describe('vendor tables', () => {
  it('the built-in table is well formed', () => {
    expect(vendorTableProblem(VENDOR_DECLARATIONS)).toBeUndefined()
  })

  it.each([
    [{ 'Acme Corp': acme }, /vendor name "Acme Corp"/],
    [{ 'posthog-flags': acme }, /fault queue/],
    [{ v1: acme }, /would hide the unprefixed routes under \/v1\//],
    [{ flags: acme }, /would hide the unprefixed routes under \/flags\//],
    [{ acme: { ...acme, color: 'red; } body { display: none' } }, /color must be a CSS hex colour/],
  ])('a bad name or colour is refused before the sink starts', async (extra, message) => {
    expect(vendorTableProblem({ ...VENDOR_DECLARATIONS, ...extra })).toMatch(message)
    await expect(startSinkWith({ ...VENDOR_DECLARATIONS, ...extra })).rejects.toThrow(message)
  })
})
