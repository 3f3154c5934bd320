/**
 * Helpers shared by the test files (real HTTP over 127.0.0.1 with node's global fetch).
 * Not exported from the package.
 */
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startSink } from './start-sink.js'
import type { Sink, SinkOptions } from './types.js'

/** Options of {@link post}. */
export interface PostOptions {
  /** Write key sent as HTTP Basic user name. */
  key?: string
  gzip?: boolean
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** `Basic base64("<key>:")`. */
export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`
}

/** POSTs `body` (JSON-encoded unless it is a string or Buffer) to `url`. */
export async function post(url: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  let data: Buffer = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  if (options.key !== undefined) headers.authorization = basic(options.key)
  if (options.gzip === true) {
    data = gzipSync(data)
    headers['content-encoding'] = 'gzip'
  }
  const init: RequestInit = { method: 'POST', headers, body: data }
  if (options.signal !== undefined) init.signal = options.signal
  return fetch(url, init)
}

let counter = 0

/** A valid Segment-family track message with a fresh messageId. */
export function trackMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    type: 'track',
    event: 'Order Completed',
    userId: 'user-1',
    messageId: `msg-${counter}-${Date.now()}`,
    timestamp: new Date().toISOString(),
    properties: { total: 12.5 },
    ...overrides,
  }
}

/** A valid PostHog batch item with a fresh uuid. */
export function posthogItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    event: 'Order Completed',
    distinct_id: 'user-1',
    properties: { $lib: 'test' },
    timestamp: new Date().toISOString(),
    uuid: `0190-${counter}-${Date.now()}`,
    ...overrides,
  }
}

/** Resolves once `check` returns true, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * A sink for the enclosing describe block (vitest hooks): started before its tests, closed after
 * them and, with `reset`, reset before each test. Returns a stand-in that forwards to the sink once
 * it has started.
 */
export function useSink(options: SinkOptions = {}, { reset = false }: { reset?: boolean } = {}): Sink {
  let started: Sink | undefined
  beforeAll(async () => {
    started = await startSink(options)
  })
  afterAll(() => started?.close())
  if (reset) beforeEach(() => started?.reset())
  return new Proxy({} as Sink, {
    get(_, key) {
      if (started === undefined) throw new Error('the sink is used before it started (outside a test?)')
      const value = Reflect.get(started, key) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value
    },
  })
}
