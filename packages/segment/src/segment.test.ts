import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { segment } from './index.js'

describe('segment()', () => {
  it('defaults to api.segment.io, supports EU and any host', () => {
    expect(segment({ writeKey: 'k' }).buildRequest([], { sentAt: 'x' }).url).toBe('https://api.segment.io/v1/batch')
    expect(segment({ writeKey: 'k', region: 'eu' }).buildRequest([], { sentAt: 'x' }).url).toBe(
      'https://events.eu1.segmentapis.com/v1/batch',
    )
  })
  it('validates its config', () => {
    expect(() => segment({} as never)).toThrow(ConfigError)
    expect(() => segment({ writeKey: 'k', host: '::' })).toThrow(/host/)
    expect(() => segment({ writeKey: 'k', host: 'http://api.example.com' })).toThrow(/allowInsecureHttp/)
    expect(() => segment({ writeKey: 'k', region: 'ap' as never })).toThrow(/region/)
  })
  it('puts the write key in the body and declares limits and defaults', () => {
    const d = segment({ writeKey: 'k' })
    expect(JSON.parse(d.buildRequest(['{"a":1}'], { sentAt: 'S' }).body)).toEqual({ batch: [{ a: 1 }], writeKey: 'k', sentAt: 'S' })
    expect(d.limits).toMatchObject({ messageBytes: 32_000, batchBytes: 500_000, batchMessages: 2500 })
    expect(d.defaults).toMatchObject({ flushAt: 15, maxRetries: 10 })
    expect(d.secrets).toEqual(['k'])
  })
})
