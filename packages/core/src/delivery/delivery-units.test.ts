import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors.js'
import type { Destination } from '../destination.js'
import { retryDelay } from './backoff.js'
import { MessageQueue, type QueuedMessage } from './message-queue.js'
import { redact } from './redact.js'
import { parseRetryAfter } from './retry-after.js'
import { classifyStatus } from './send-result.js'
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js'
import { takeBatch } from './take-batch.js'

const item = (seq: number, bytes = 10): QueuedMessage => ({ id: `m${seq}`, json: 'x'.repeat(bytes), bytes, seq })

describe('MessageQueue', () => {
  it('is FIFO and bounded', () => {
    const queue = new MessageQueue(3)
    expect([1, 2, 3, 4].map((n) => queue.push(item(n)))).toEqual([true, true, true, false])
    expect(queue.shift()?.seq).toBe(1)
    expect(queue.push(item(5))).toBe(true)
    expect(queue.drain().map((m) => m.seq)).toEqual([2, 3, 5])
    expect(queue.length).toBe(0)
  })

  it('stays correct across compaction', () => {
    const queue = new MessageQueue(10_000)
    for (let i = 1; i <= 5000; i++) queue.push(item(i))
    for (let i = 1; i <= 4000; i++) expect(queue.shift()?.seq).toBe(i)
    expect(queue.length).toBe(1000)
    expect(queue.peek()?.seq).toBe(4001)
  })
})

describe('takeBatch', () => {
  const limits = { messageBytes: 100, batchBytes: 1000, batchMessages: 50, envelopeBytes: 100, itemOverheadBytes: 9 }

  it('stops at the message count', () => {
    const queue = new MessageQueue(100)
    for (let i = 1; i <= 30; i++) queue.push(item(i, 1))
    expect(takeBatch(queue, 20, limits)).toHaveLength(20)
    expect(queue.length).toBe(10)
  })

  it('stops before the byte limit, counting envelope, commas and per-item overhead', () => {
    const queue = new MessageQueue(100)
    for (let i = 1; i <= 30; i++) queue.push(item(i, 90))
    // 100 envelope + n * (90 + 9 + 1) <= 1000  =>  n = 9
    const batch = takeBatch(queue, 50, limits)
    expect(batch).toHaveLength(9)
    expect(batch.reduce((sum, m) => sum + m.bytes + 10, 100)).toBeLessThanOrEqual(1000)
  })

  it('always takes one message even if it alone is over the batch limit', () => {
    const queue = new MessageQueue(10)
    queue.push(item(1, 5000))
    expect(takeBatch(queue, 20, limits)).toHaveLength(1)
  })
})

describe('classifyStatus', () => {
  it.each([
    [200, 'success'],
    [204, 'success'],
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [502, 'retryable'],
    [503, 'retryable'],
    [501, 'failed'],
    [505, 'failed'],
    [400, 'failed'],
    [401, 'failed'],
    [403, 'failed'],
    [404, 'failed'],
    [301, 'failed'],
    [413, 'too-large'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(classifyStatus(status, undefined, undefined).kind).toBe(kind)
  })

  it('keeps Retry-After and the server text on a retryable answer', () => {
    expect(classifyStatus(429, 2000, 'slow down')).toEqual({
      kind: 'retryable',
      status: 429,
      reason: 'HTTP 429',
      retryAfterMs: 2000,
      serverText: 'slow down',
    })
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('0.5')).toBe(500)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(['7', '8'])).toBe(7000)
  })
})

describe('retryDelay', () => {
  const options = { baseDelay: 100, maxDelay: 1000 }
  it('doubles with jitter between 50% and 100% of the step, capped', () => {
    expect(retryDelay(1, options, () => 0)).toBe(50)
    expect(retryDelay(1, options, () => 1)).toBe(100)
    expect(retryDelay(3, options, () => 1)).toBe(400)
    expect(retryDelay(10, options, () => 1)).toBe(1000)
  })
  it('waits at least as long as Retry-After asks, up to 5 minutes', () => {
    expect(retryDelay(1, { ...options, retryAfterMs: 3000 }, () => 1)).toBe(3000)
    expect(retryDelay(1, { ...options, retryAfterMs: 10 }, () => 1)).toBe(100)
    expect(retryDelay(1, { ...options, retryAfterMs: 3_600_000 }, () => 1)).toBe(300_000)
  })
})

describe('redact', () => {
  it('masks keys and their Basic form, and shortens', () => {
    const basic = Buffer.from('wk_secret:').toString('base64')
    expect(redact(`bad key wk_secret (${basic})`, ['wk_secret'])).toBe('bad key **** (****)')
    expect(redact('x'.repeat(2000), [], 10)).toBe(`${'x'.repeat(10)}…`)
  })
})

describe('resolveSettings', () => {
  const destination = { limits: { batchMessages: 100 }, defaults: { flushAt: 50, flushIntervalMs: 3000 } } as unknown as Destination
  it('prefers user options, then adapter defaults, then core defaults; clamps flushAt to the vendor limit', () => {
    expect(resolveSettings({}, destination)).toMatchObject({ flushAt: 50, flushIntervalMs: 3000, maxRetries: DEFAULT_SETTINGS.maxRetries })
    expect(resolveSettings({ flushIntervalMs: 10 }, destination).flushIntervalMs).toBe(10)
    expect(resolveSettings({ flushAt: 5000 }, destination).flushAt).toBe(100)
  })
  it('throws a ConfigError naming the option', () => {
    expect(() => resolveSettings({ maxQueueSize: 0 }, destination)).toThrow(ConfigError)
    expect(() => resolveSettings({ httpTimeoutMs: 1.5 }, destination)).toThrow(/httpTimeoutMs/)
  })
})
