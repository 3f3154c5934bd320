import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { hightouch } from './index.js'

describe('hightouch()', () => {
  it('defaults to us-east-1 and takes any host', () => {
    expect(hightouch({ writeKey: 'k' }).buildRequest([], { sentAt: 'x' }).url).toBe('https://us-east-1.hightouch-events.com/v1/batch')
    expect(hightouch({ writeKey: 'k', host: 'https://ap-south-1.hightouch-events.com' }).buildRequest([], { sentAt: 'x' }).url).toBe(
      'https://ap-south-1.hightouch-events.com/v1/batch',
    )
  })
  it('validates its config', () => {
    expect(() => hightouch({} as never)).toThrow(ConfigError)
    expect(() => hightouch({ writeKey: ' k' })).toThrow(/white space/)
    expect(() => hightouch({ writeKey: 'k', host: 'https://x.example.com?q=1' })).toThrow(/query/)
    expect(() => hightouch({ writeKey: 'k', host: 'http://x.example.com' })).toThrow(/allowInsecureHttp/)
  })
  it('sends {batch, sentAt} and declares its SDK defaults', () => {
    const d = hightouch({ writeKey: 'k' })
    expect(JSON.parse(d.buildRequest(['{"a":1}'], { sentAt: 'S' }).body)).toEqual({ batch: [{ a: 1 }], sentAt: 'S' })
    expect(d.kind).toBe('pipeline')
    expect(d.secrets).toEqual(['k'])
    expect(d.defaults).toMatchObject({ flushAt: 15, flushIntervalMs: 10_000, maxRetries: 3 })
  })
})
