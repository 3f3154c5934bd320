import { ConfigError } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { customerio } from './index.js'

const env = { library: LIBRARY }
const url = (d: ReturnType<typeof customerio>) => d.buildRequest([], { sentAt: 'x' }).url

describe('customerio()', () => {
  it('picks the region host, or the given host', () => {
    expect(url(customerio({ writeKey: 'k' }))).toBe('https://cdp.customer.io/v1/batch')
    expect(url(customerio({ writeKey: 'k', region: 'eu' }))).toBe('https://cdp-eu.customer.io/v1/batch')
    expect(url(customerio({ writeKey: 'k', region: 'eu', host: 'http://127.0.0.1:9/cio' }))).toBe('http://127.0.0.1:9/cio/v1/batch')
  })
  it('validates its config', () => {
    expect(() => customerio({ writeKey: '' })).toThrow(ConfigError)
    expect(() => customerio({ writeKey: 'k', region: 'de' as never })).toThrow(/region/)
    expect(() => customerio({ writeKey: 'k', host: 'ftp://x' })).toThrow(/host/)
    expect(() => customerio({ writeKey: 'k', host: 'http://cdp.example.com' })).toThrow(/allowInsecureHttp/)
    expect(() => customerio({ writeKey: 'k', objectTypeId: 0 })).toThrow(/objectTypeId/)
  })
  it('adds traits.objectTypeId to groups only when configured and absent', () => {
    const group = createMessage('group', { userId: 'u', groupId: 'g', traits: { name: 'n' } }, env)
    const ctx = { callTime: group.timestamp, timestampGiven: false }
    expect(JSON.parse(customerio({ writeKey: 'k' }).encode(group, ctx)).traits).toEqual({ name: 'n' })
    expect(JSON.parse(customerio({ writeKey: 'k', objectTypeId: 3 }).encode(group, ctx)).traits).toEqual({ name: 'n', objectTypeId: '3' })
    const own = createMessage('group', { userId: 'u', groupId: 'g', traits: { objectTypeId: '2' } }, env)
    expect(JSON.parse(customerio({ writeKey: 'k', objectTypeId: 3 }).encode(own, ctx)).traits).toEqual({ objectTypeId: '2' })
  })
  it('sends only {batch}, X-Strict-Mode on request, and declares its SDK defaults', () => {
    const d = customerio({ writeKey: 'k', strictMode: true })
    const req = d.buildRequest(['{"a":1}'], { sentAt: '2030-01-01T00:00:00.000Z' })
    expect(JSON.parse(req.body)).toEqual({ batch: [{ a: 1 }] })
    expect(req.headers['x-strict-mode']).toBe('1')
    expect(d.kind).toBe('pipeline')
    expect(d.secrets).toEqual(['k'])
    expect(d.defaults).toMatchObject({ flushAt: 20, flushIntervalMs: 5_000, maxRetries: 3 })
  })
})
