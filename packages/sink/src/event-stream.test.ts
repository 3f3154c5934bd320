import { createServer, type Server } from 'node:http'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EVENTS_MAX_PENDING_BYTES, EVENTS_RECENT, handleEvents } from './event-stream.js'
import { FaultQueue } from './fault-queue.js'
import { FlagStore } from './flag-store.js'
import { Recorder } from './recorder.js'
import type { SinkContext } from './sink-context.js'
import { startSink } from './start-sink.js'
import { basic, post, posthogItem, trackMessage, waitFor } from './test-utils.js'
import type { RecordedRequest, Sink } from './types.js'

interface SseEvent {
  event: string
  data: unknown
  raw: string
}

/** Reads an SSE response, collecting parsed events and the raw text. */
function collect(res: Response): { events: SseEvent[]; text: () => string; stop: () => void } {
  const events: SseEvent[] = []
  let buffer = ''
  let all = ''
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        const chunk = decoder.decode(value, { stream: true })
        all += chunk
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data), raw: frame })
        }
      }
    } catch {
      // aborted
    }
  })()
  return { events, text: () => all, stop: () => void reader.cancel().catch(() => undefined) }
}

const named = (events: SseEvent[], name: string): SseEvent[] => events.filter((e) => e.event === name)

describe('GET /_sink/events (through startSink)', () => {
  let sink: Sink
  const controllers: AbortController[] = []
  beforeAll(async () => {
    sink = await startSink()
  })
  afterAll(() => sink.close())
  afterEach(() => {
    for (const controller of controllers.splice(0)) controller.abort()
    sink.reset()
  })

  const open = async (): Promise<ReturnType<typeof collect>> => {
    const controller = new AbortController()
    controllers.push(controller)
    const res = await fetch(`${sink.url}/_sink/events`, { signal: controller.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    return collect(res)
  }

  it('sends hello, the recent messages, ready, then each new message with masked keys', async () => {
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage({ userId: 'early' })] }, { key: 'wk_secret_before' })
    const stream = await open()
    await waitFor(() => named(stream.events, 'ready').length === 1)
    expect(stream.events.map((e) => e.event)).toEqual(['hello', 'message', 'ready'])
    expect(named(stream.events, 'hello')[0]?.data).toMatchObject({
      vendors: ['posthog', 'rudderstack', 'hightouch', 'customerio', 'segment', 'amplitude', 'mixpanel'],
      counters: { total: 1 },
    })
    expect(named(stream.events, 'message')[0]?.data).toMatchObject({
      vendor: 'segment',
      userId: 'early',
      request: { headers: { authorization: 'Basic ****' } },
    })

    await post(
      `${sink.urlFor('rudderstack')}/v1/batch`,
      {
        writeKey: 'wk_in_body',
        batch: [trackMessage({ userId: 'late', properties: { token: 'tok_secret', nested: { api_key: 'ak_secret' } } })],
      },
      { key: 'wk_secret_after' },
    )
    await post(`${sink.urlFor('posthog')}/batch/`, {
      api_key: 'phc_secret',
      batch: [posthogItem({ event: '$identify', distinct_id: 'p1', properties: { $set: { plan: 'pro' } } })],
    })
    await waitFor(() => named(stream.events, 'message').length === 3)
    const [, rudder, posthog] = named(stream.events, 'message').map((e) => e.data as Record<string, any>)
    expect(rudder).toMatchObject({
      vendor: 'rudderstack',
      type: 'track',
      userId: 'late',
      payload: { properties: { token: '****', nested: { api_key: '****' } } },
    })
    expect(rudder?.spec).toMatchObject({ type: 'track', event: 'Order Completed', properties: { token: '****' } })
    expect(rudder?.request).toMatchObject({
      method: 'POST',
      path: '/rudderstack/v1/batch',
      status: 200,
      headers: { authorization: 'Basic ****' },
    })
    expect(posthog).toMatchObject({
      vendor: 'posthog',
      type: 'identify',
      spec: { type: 'identify', userId: 'p1', traits: { plan: 'pro' } },
    })
    await waitFor(() => named(stream.events, 'stats').some((e) => (e.data as { total: number }).total === 3))
    const text = stream.text()
    for (const secret of [
      'wk_secret_before',
      'wk_secret_after',
      basic('wk_secret_after').slice(6),
      'tok_secret',
      'ak_secret',
      'phc_secret',
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('announces a reset', async () => {
    const stream = await open()
    await waitFor(() => named(stream.events, 'ready').length === 1)
    sink.reset()
    await waitFor(() => named(stream.events, 'reset').length === 1)
  })

  it('sends at most the recent window on connect', async () => {
    const batch = Array.from({ length: EVENTS_RECENT + 20 }, (_, i) => trackMessage({ userId: `u${i}` }))
    expect((await post(`${sink.urlFor('segment')}/v1/batch`, { batch }, { key: 'k' })).status).toBe(200)
    const stream = await open()
    await waitFor(() => named(stream.events, 'ready').length === 1)
    const messages = named(stream.events, 'message').map((e) => e.data as { userId: string })
    expect(messages).toHaveLength(EVENTS_RECENT)
    expect(messages.at(-1)?.userId).toBe(`u${EVENTS_RECENT + 19}`)
  })

  it('serves the inspector page at / and /_sink/inspector with a strict CSP and no external resources', async () => {
    for (const path of ['/', '/_sink/inspector']) {
      const res = await fetch(`${sink.url}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'sha256-/)
      const html = await res.text()
      expect(html).toContain('<title>Polytrack sink · inspector</title>')
      expect(html).not.toMatch(/\b(?:src|href)\s*=|@import|url\(|https?:\/\//)
      expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
    }
    expect((await post(`${sink.url}/`, {})).status).toBe(405)
  })
})

describe('event stream resources', () => {
  let server: Server
  let ctx: SinkContext
  let url: string
  const closing = new AbortController()
  beforeAll(async () => {
    ctx = {
      recorder: new Recorder({ maxRecorded: 100, maxRequests: 100 }),
      faults: new FaultQueue(),
      keys: {},
      limits: {},
      flags: new FlagStore(),
      flagOptions: {},
      closing: closing.signal,
    }
    server = createServer((_req, res) => handleEvents(ctx, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    closing.abort()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  let requestId = 0
  const publish = (payload: unknown): void => {
    const id = ++requestId
    const receivedAt = new Date().toISOString()
    const messages = ctx.recorder.recordMessages('segment', id, receivedAt, [{ type: 'track', id: `m${id}`, userId: 'u', payload }])
    const request: RecordedRequest = {
      id,
      vendor: 'segment',
      method: 'POST',
      path: '/v1/batch',
      headers: {},
      status: 200,
      bytes: 1,
      gzip: false,
      messageCount: 1,
      receivedAt,
    }
    ctx.recorder.recordRequest(request, { outcome: '200', ok: true, bytes: 1, gzip: false }, messages)
  }

  it('unsubscribes when the client disconnects', async () => {
    const controller = new AbortController()
    const stream = collect(await fetch(`${url}/`, { signal: controller.signal }))
    await waitFor(() => named(stream.events, 'ready').length === 1)
    expect(ctx.recorder.subscribers).toBe(1)
    controller.abort()
    await waitFor(() => ctx.recorder.subscribers === 0)
  })

  it('drops events for a client that does not read instead of buffering them', async () => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    await waitFor(() => ctx.recorder.subscribers === 1)
    socket.pause()
    const big = 'x'.repeat(64 * 1024)
    const total = 400 // 400 × 64 KiB ≈ 25 MiB offered
    for (let i = 0; i < total; i++) publish({ big, i })
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    socket.resume()
    await waitFor(() => received.includes('event: dropped'), 5000)
    const delivered = received.split('event: message').length - 1
    const dropped = Number(/event: dropped\ndata: \{"count":(\d+)\}/.exec(received)?.[1])
    expect(dropped).toBeGreaterThan(0)
    expect(delivered + dropped).toBe(total)
    // What was queued is bounded by the cap plus the socket buffers, far below what was offered.
    expect(received.length).toBeLessThan(EVENTS_MAX_PENDING_BYTES + 8 * 1024 * 1024)
    socket.destroy()
    await waitFor(() => ctx.recorder.subscribers === 0)
  })
})
