// The `logger` and `logLevel` options, with real console, pino and winston loggers, against the
// sink: which events reach which level, what each logger records, keys never in the output, a
// logger that throws, and today's process warning when there is no logger.
import { Console } from 'node:console'
import { Writable } from 'node:stream'
import pino from 'pino'
import winston from 'winston'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../src/analytics.js'
import type { Destination } from '../src/destination.js'
import { ConfigError } from '../src/errors.js'
import { TEST_WRITE_KEY, testDestination } from './helpers/test-destination.js'
import { testSink } from './helpers/test-sink.js'

const clients: Analytics[] = []
const sink = testSink(clients)

afterEach(() => {
  vi.restoreAllMocks()
})

function client(options: Partial<ConstructorParameters<typeof Analytics>[0]> = {}): Analytics {
  const analytics = new Analytics({
    destination: testDestination(sink.urlFor('segment')),
    flushIntervalMs: 60_000,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 1,
    ...options,
  })
  clients.push(analytics)
  return analytics
}

/** A logger that records each call: level, message, fields. */
function recordingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = []
  const at = (level: string) => (message: string, fields: Record<string, unknown>) => void lines.push({ level, message, fields })
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } }
}

async function sendOne(analytics: Analytics): Promise<void> {
  analytics.track({ userId: 'u1', event: 'Logged' })
  await analytics.flush()
}

describe('levels', () => {
  it('logs each request and delivery at debug, a retry at warn, a failure at error', async () => {
    const { lines, logger } = recordingLogger()
    const analytics = client({ logger, logLevel: 'debug', maxRetries: 1 })
    sink.inject('segment', { status: 503 })
    await sendOne(analytics)
    sink.inject('segment', { status: 500 }, { status: 500 })
    await sendOne(analytics)
    const seen = lines.map((l) => `${l.level} ${String(l.fields.event)}`)
    expect(seen).toEqual([
      'debug request',
      'warn retry',
      'debug request',
      'debug delivered',
      'debug request',
      'warn retry',
      'debug request',
      'error error',
    ])
    expect(lines[1]).toMatchObject({
      message: expect.stringContaining('segment: attempt 1 to send 1 message failed (HTTP 503); retrying in'),
      fields: { destination: 'segment', status: 503 },
    })
    expect(lines[3]?.message).toMatch(/^polytrack: segment: delivered 1 message \(HTTP 200, 2 attempts/)
    expect(lines[7]).toMatchObject({
      fields: { code: 'http_500', messageIds: [expect.any(String)] },
      message: expect.stringContaining('(1 message lost)'),
    })
  })

  it("logs nothing below the level: 'info' by default, 'error', 'silent' (which also silences the process warning)", async () => {
    const byDefault = recordingLogger()
    sink.inject('segment', { status: 503 })
    await sendOne(client({ logger: byDefault.logger }))
    expect(byDefault.lines.map((l) => l.level)).toEqual(['warn'])

    const errorsOnly = recordingLogger()
    sink.inject('segment', { status: 503 }, { status: 400 })
    await sendOne(client({ logger: errorsOnly.logger, logLevel: 'error' }))
    expect(errorsOnly.lines.map((l) => `${l.level} ${String(l.fields.event)}`)).toEqual(['error error'])

    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    const silent = recordingLogger()
    sink.inject('segment', { status: 400 })
    const quiet = client({ logger: silent.logger, logLevel: 'silent', maxQueueSize: 1 })
    quiet.track({ userId: 'u', event: 'a' })
    quiet.track({ userId: 'u', event: 'b' }) // over maxQueueSize: dropped
    await quiet.flush()
    expect(quiet.report().dropped).toBe(1)
    expect(silent.lines).toEqual([])
    expect(warning).not.toHaveBeenCalled()
  })

  it('without a logger, keeps the process warning (once per reason) and logs nothing', async () => {
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    sink.inject('segment', { status: 400 }, { status: 400 })
    const analytics = client()
    await sendOne(analytics)
    await sendOne(analytics)
    expect(warning).toHaveBeenCalledTimes(1)
    expect(log).not.toHaveBeenCalled()
  })

  it('with logLevel and no logger, logs to console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    sink.inject('segment', { status: 503 })
    await sendOne(client({ logLevel: 'warn' }))
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toContain('retrying')
  })
})

describe('real loggers', () => {
  it('console: prints the sentence and the fields', async () => {
    let out = ''
    const stream = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) })
    const logger = new Console({ stdout: stream, stderr: stream })
    sink.inject('segment', { status: 503 })
    await sendOne(client({ logger }))
    expect(out).toContain('polytrack: segment: attempt 1 to send 1 message failed (HTTP 503)')
    expect(out).toContain("event: 'retry'")
  })

  it('pino: one JSON line per event, at its level', async () => {
    const records: Record<string, unknown>[] = []
    const stream = new Writable({
      write: (chunk, _enc, done) => (records.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()),
    })
    const logger = pino({ level: 'debug' }, stream)
    sink.inject('segment', { status: 503 })
    await sendOne(client({ logger, logLevel: 'debug' }))
    expect(records.map((r) => r.level)).toEqual([20, 40, 20, 20])
    expect(String(records[1]?.msg)).toContain('retrying')
  })

  it('winston: the fields are merged into the entry', async () => {
    const entries: Record<string, unknown>[] = []
    const stream = new Writable({
      write: (chunk, _enc, done) => (entries.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()),
    })
    const logger = winston.createLogger({
      level: 'debug',
      format: winston.format.json(),
      transports: [new winston.transports.Stream({ stream })],
    })
    sink.inject('segment', { status: 503 })
    await sendOne(client({ logger, logLevel: 'debug' }))
    expect(entries.map((e) => e.level)).toEqual(['debug', 'warn', 'debug', 'debug'])
    expect(entries[1]).toMatchObject({
      event: 'retry',
      destination: 'segment',
      status: 503,
      attempt: 1,
      message: expect.stringContaining('retrying'),
    })
  })
})

describe('safety', () => {
  it('never logs a key, even where an event carries it (a request URL holding the key)', async () => {
    const secret = 'url_key_SECRET_5678'
    const base = testDestination(sink.urlFor('segment'))
    const destination: Destination = {
      ...base,
      secrets: [...base.secrets, secret],
      buildRequest: (items, ctx) => {
        const request = base.buildRequest(items, ctx)
        return { ...request, url: `${request.url}?api_key=${secret}` }
      },
    }
    const { lines, logger } = recordingLogger()
    sink.inject('segment', { status: 400, body: `{"error":"bad ${TEST_WRITE_KEY}"}` })
    await sendOne(client({ destination, logger, logLevel: 'debug' }))
    const output = JSON.stringify(lines)
    expect(lines.length).toBeGreaterThan(0)
    expect(output).not.toContain(secret)
    expect(output).not.toContain(TEST_WRITE_KEY)
  })

  it('a logger that throws breaks neither delivery nor the calls', async () => {
    const boom = () => {
      throw new Error('logger down')
    }
    const analytics = client({ logger: { debug: boom, info: boom, warn: boom, error: boom }, logLevel: 'debug', maxQueueSize: 1 })
    analytics.track({ userId: 'u', event: 'a' })
    expect(() => analytics.track({ userId: 'u', event: 'dropped' })).not.toThrow()
    await analytics.flush()
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
  })

  it('refuses a logger without the four methods, and an unknown logLevel, naming the option', () => {
    const refused = (options: Record<string, unknown>) => {
      try {
        new Analytics({ destination: testDestination(sink.urlFor('segment')), ...options })
      } catch (error) {
        return error as ConfigError
      }
      return undefined
    }
    const noDebug = refused({ logger: { info() {}, warn() {}, error() {} } })
    expect(noDebug).toBeInstanceOf(ConfigError)
    expect(noDebug?.option).toBe('logger')
    expect(noDebug?.message).toContain('missing: debug')
    expect(refused({ logger: 'console' })?.option).toBe('logger')
    expect(refused({ logger: null })?.option).toBe('logger')
    expect(refused({ logLevel: 'verbose' })?.option).toBe('logLevel')
    expect(refused({ logLevel: 'verbose' })?.message).toContain("'debug'")
  })
})
