import { request } from 'node:http'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { basic, post, posthogItem, trackMessage, useSink } from './test-utils.js'

describe('size limits', () => {
  const sink = useSink({ limits: { rudderstack: { messageBytes: 500, batchBytes: 4000 } } }, { reset: true })

  it('answers 400 for one over-size message in the Segment family (defaults: 32 KB)', async () => {
    const big = trackMessage({ properties: { blob: 'x'.repeat(33 * 1024) } })
    const res = await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage(), big] }, { key: 'k' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'message_too_large', index: 1 })
    expect(sink.messages()).toHaveLength(0)
  })

  it('counts UTF-8 bytes, not characters', async () => {
    // 200 three-byte characters: 200 chars but 600 bytes, over the 500-byte override
    const message = trackMessage({ properties: { text: '€'.repeat(200) } })
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch: [message] }, { key: 'k' })
    expect(res.status).toBe(400)
  })

  it('accepts a message just under the limit', async () => {
    const res = await post(
      `${sink.urlFor('segment')}/v1/batch`,
      { batch: [trackMessage({ properties: { blob: 'x'.repeat(30 * 1024) } })] },
      { key: 'k' },
    )
    expect(res.status).toBe(200)
  })

  it('answers 413 for an over-size batch (defaults: 500 KB)', async () => {
    const batch = Array.from({ length: 20 }, () => trackMessage({ properties: { blob: 'x'.repeat(30 * 1024) } }))
    const res = await post(`${sink.urlFor('customerio')}/v1/batch`, { batch }, { key: 'k' })
    expect(res.status).toBe(413)
    expect(sink.messages()).toHaveLength(0)
    expect(sink.stats().byVendor.customerio?.statuses).toEqual({ '413': 1 })
  })

  it('answers 413 for PostHog over-size events', async () => {
    const item = posthogItem({ properties: { blob: 'x'.repeat(1024 * 1024 + 10) } })
    const res = await post(`${sink.url}/batch/`, { api_key: 'k', batch: [item] })
    expect(res.status).toBe(413)
  })

  it('measures the decompressed size of gzip bodies', async () => {
    // 10 messages of ~450 bytes: ~4.6 KB decompressed (over 4000), a few hundred bytes compressed
    const batch = Array.from({ length: 10 }, () => trackMessage({ properties: { blob: 'y'.repeat(300) } }))
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch }, { key: 'k', gzip: true })
    expect(res.status).toBe(413)
    expect(sink.requests()[0]?.bytes).toBeLessThan(4000)
  })

  it('refuses to inflate a gzip bomb beyond 4x the batch limit', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20))
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, bomb, { key: 'k', headers: { 'content-encoding': 'gzip' } })
    expect(res.status).toBe(413)
  })

  it('answers 400 for a body that is not valid gzip', async () => {
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, 'not gzip', { key: 'k', headers: { 'content-encoding': 'gzip' } })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'invalid_gzip' })
  })

  it('stops reading raw bodies over twice the batch limit and answers 413', async () => {
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, 'z'.repeat(9000), { key: 'k' })
    expect(res.status).toBe(413)
    expect(res.headers.get('connection')).toBe('close')
  })

  it('stops reading a chunked body (no Content-Length) once it passes the cap', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sink.urlFor('rudderstack')}/v1/batch`, { method: 'POST', headers: { authorization: basic('k') } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      for (let i = 0; i < 3; i++) req.write('w'.repeat(3000))
      req.end()
    })
    expect(status).toBe(413)
    expect(sink.requests()[0]?.headers['transfer-encoding']).toBe('chunked')
  })

  it('keeps serving after an over-size request', async () => {
    await post(`${sink.urlFor('rudderstack')}/v1/batch`, 'z'.repeat(9000), { key: 'k' })
    const res = await post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch: [trackMessage()] }, { key: 'k' })
    expect(res.status).toBe(200)
  })
})
