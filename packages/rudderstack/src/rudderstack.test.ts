import { ConfigError } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { rudderstack } from './index.js'

const env = { library: LIBRARY }

describe('rudderstack()', () => {
  it('validates its config', () => {
    expect(() => rudderstack({ writeKey: 'k' } as never)).toThrow(ConfigError)
    expect(() => rudderstack({ writeKey: '', dataPlaneUrl: 'https://d.example.com' })).toThrow(/writeKey/)
    expect(() => rudderstack({ writeKey: 'k', dataPlaneUrl: 'http://d.example.com' })).toThrow(/allowInsecureHttp/)
  })
  it('leaves out the empty defaults the SDK does not send, keeps given values', () => {
    const d = rudderstack({ writeKey: 'k', dataPlaneUrl: 'https://d.example.com' })
    const bare = JSON.parse(d.encode(createMessage('identify', { userId: 'u' }, env), { callTime: 'T', timestampGiven: true }))
    expect(bare).not.toHaveProperty('integrations')
    expect(bare).not.toHaveProperty('traits')
    expect(bare.context).not.toHaveProperty('traits')
    const full = JSON.parse(
      d.encode(createMessage('identify', { userId: 'u', traits: { a: 1 }, integrations: { All: false } }, env), {
        callTime: 'T',
        timestampGiven: false,
      }),
    )
    expect(full).toMatchObject({ traits: { a: 1 }, context: { traits: { a: 1 } }, integrations: { All: false } })
  })
  it('gzips and sends JSON with a polytrack user agent', () => {
    const req = rudderstack({ writeKey: 'k', dataPlaneUrl: 'https://d.example.com' }).buildRequest(['{"a":1}'], { sentAt: 'S' })
    expect(req.gzip).toBe(true)
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['user-agent']).toMatch(/^polytrack-node\//)
    expect(JSON.parse(req.body)).toEqual({ batch: [{ a: 1, sentAt: 'S' }], timestamp: 'S', sentAt: 'S' })
  })
})
