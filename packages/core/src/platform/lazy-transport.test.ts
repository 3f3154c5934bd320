import { describe, expect, it } from 'vitest'
import type { Transport } from '../delivery/http-transport.js'
import { lazyTransport } from './lazy-transport.js'

const live = () => new AbortController().signal
const request = { url: 'https://example.invalid/v1/batch', headers: {}, body: '{}', gzip: false }
const exchangeRequest = { method: 'GET' as const, url: 'https://example.invalid/flags', headers: {} }
const exchangeOptions = () => ({ signal: live(), timeoutMs: 1_000, maxResponseBytes: 1_000 })

function fakeTransport(log: string[]): Transport {
  return {
    send: async () => (log.push('send'), { kind: 'success', status: 200 }),
    exchange: async () => (log.push('exchange'), { kind: 'response', status: 200, headers: {}, body: 'ok' }),
    close: async () => void log.push('close'),
  }
}

describe('lazyTransport', () => {
  it('loads the transport once, on the first request, and closes it', async () => {
    const log: string[] = []
    const transport = lazyTransport(async () => (log.push('load'), fakeTransport(log)))
    expect(log).toEqual([])
    await Promise.all([
      transport.send(request, { signal: live(), timeoutMs: 1_000 }),
      transport.exchange(exchangeRequest, exchangeOptions()),
    ])
    await transport.send(request, { signal: live(), timeoutMs: 1_000 })
    await transport.close()
    expect(log).toEqual(['load', 'send', 'exchange', 'send', 'close'])
  })

  it('loads nothing when closed before any request, and answers closed after', async () => {
    const log: string[] = []
    const transport = lazyTransport(async () => (log.push('load'), fakeTransport(log)))
    await transport.close()
    await expect(transport.send(request, { signal: live(), timeoutMs: 1_000 })).resolves.toEqual({ kind: 'aborted', reason: 'closed' })
    await expect(transport.exchange(exchangeRequest, exchangeOptions())).resolves.toEqual({
      kind: 'failure',
      failure: 'aborted',
      message: 'aborted',
    })
    expect(log).toEqual([])
  })

  it('reports a load that fails on each request, without rejecting', async () => {
    const transport = lazyTransport(async () => {
      throw new Error('Cannot find package undici')
    })
    await expect(transport.send(request, { signal: live(), timeoutMs: 1_000 })).resolves.toEqual({
      kind: 'retryable',
      reason: 'the transport could not be loaded: Cannot find package undici',
    })
    await expect(transport.exchange(exchangeRequest, exchangeOptions())).resolves.toEqual({
      kind: 'failure',
      failure: 'network',
      message: 'the transport could not be loaded: Cannot find package undici',
    })
    await expect(transport.close()).resolves.toBeUndefined()
  })
})
