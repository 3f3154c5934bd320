import { Agent, request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { startSink } from './start-sink.js'
import { basic, post, trackMessage } from './test-utils.js'

interface RawResponse {
  status: number
  body: string
  localPort: number
}

/** POST with node:http through `agent`; reports the client socket's local port. */
function rawPost(url: string, body: unknown, agent: Agent): Promise<RawResponse> {
  const data = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: basic('k') },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, localPort: req.socket?.localPort ?? -1 }))
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

describe('server lifecycle', () => {
  it('listens on 127.0.0.1 with a random port by default', async () => {
    const sink = await startSink()
    try {
      expect(sink.port).toBeGreaterThan(0)
      expect(sink.url).toBe(`http://127.0.0.1:${sink.port}`)
      expect(sink.urlFor('rudderstack')).toBe(`${sink.url}/rudderstack`)
    } finally {
      await sink.close()
    }
  })

  it('reuses keep-alive connections across requests', async () => {
    const sink = await startSink()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const url = `${sink.urlFor('segment')}/v1/batch`
      const first = await rawPost(url, { batch: [trackMessage()] }, agent)
      const second = await rawPost(url, { batch: [trackMessage()] }, agent)
      expect([first.status, second.status]).toEqual([200, 200])
      expect(second.localPort).toBe(first.localPort)
    } finally {
      agent.destroy()
      await sink.close()
    }
  })

  it('close() does not hang on an idle keep-alive connection', async () => {
    const sink = await startSink()
    const agent = new Agent({ keepAlive: true })
    try {
      const res = await rawPost(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage()] }, agent)
      expect(res.status).toBe(200)
      expect(Object.keys(agent.freeSockets)).toHaveLength(1)
      const started = Date.now()
      await sink.close()
      expect(Date.now() - started).toBeLessThan(1000)
    } finally {
      agent.destroy()
    }
  })

  it('close() does not hang on a request stalled in a delay step', async () => {
    const sink = await startSink()
    sink.inject('*', { delayMs: 60_000 })
    const pending = post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage()] }, { key: 'k' })
    const settled = pending.then(
      () => 'answered',
      () => 'failed',
    )
    // give the request time to arrive and enter its delay
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(sink.stats().total.requests).toBe(0)
    const started = Date.now()
    await sink.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await settled).toBe('failed')
  })

  it('close() is idempotent and the port stops accepting connections', async () => {
    const sink = await startSink()
    await Promise.all([sink.close(), sink.close()])
    await expect(fetch(`${sink.url}/_sink/health`)).rejects.toThrow()
  })

  it('rejects when the port is taken', async () => {
    const first = await startSink()
    try {
      await expect(startSink({ port: first.port })).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await first.close()
    }
  })
})
