import { createServer, type Server, type Socket } from 'node:net'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ConfigError } from '../src/errors.js'
import { RedisConnection } from '../src/spool/redis-connection.js'
import { RedisSpool } from '../src/spool/redis-spool.js'
import { resolveSpool } from '../src/spool/resolve-spool.js'
import { encodeCommand, RespError, RespParser, type RespValue } from '../src/spool/resp.js'
import { testDestination } from './helpers/test-destination.js'
// @ts-expect-error plain .mjs test fixture without types
import { hasRedisServer, startRedis } from './fixtures/spool-redis-server.mjs'

describe('RESP', () => {
  const wire = Buffer.from('+OK\r\n-ERR wrong\r\n:42\r\n$4\r\nhé!\r\n$-1\r\n*-1\r\n*2\r\n*2\r\n$1\r\na\r\n:1\r\n*0\r\n$0\r\n\r\n')
  const expected = (values: RespValue[]) => {
    expect(values[0]).toBe('OK')
    expect(values[1]).toBeInstanceOf(RespError)
    expect((values[1] as RespError).message).toBe('ERR wrong')
    expect(values.slice(2)).toEqual([42, 'hé!', null, null, [['a', 1], []], ''])
  }

  it('parses every reply type in one chunk', () => {
    expected(new RespParser().feed(wire))
  })

  it('parses replies split at every byte boundary, and byte by byte', () => {
    for (let cut = 1; cut < wire.length; cut++) {
      const parser = new RespParser()
      expected([...parser.feed(wire.subarray(0, cut)), ...parser.feed(wire.subarray(cut))])
      expect(parser.buffered).toBe(0)
    }
    const parser = new RespParser()
    const values: RespValue[] = []
    for (let i = 0; i < wire.length; i++) values.push(...parser.feed(wire.subarray(i, i + 1)))
    expected(values)
  })

  it('rejects a protocol violation', () => {
    expect(() => new RespParser().feed(Buffer.from('?what\r\n'))).toThrow(/RESP type/)
    expect(() => new RespParser().feed(Buffer.from('$abc\r\n'))).toThrow(/bulk length/)
  })

  it('encodes commands as arrays of bulk strings (UTF-8 lengths in bytes)', () => {
    expect(encodeCommand(['SET', 'k', 'é', 7]).toString()).toBe('*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n$1\r\n7\r\n')
  })
})

/** A fake server that answers every command `+OK`, one byte per write, and can drop its clients. */
async function fakeServer(): Promise<{ server: Server; port: number; clients: Socket[]; received: () => string }> {
  const clients: Socket[] = []
  let received = ''
  const server = createServer((socket) => {
    clients.push(socket)
    const parser = new RespParser()
    socket.on('data', (chunk) => {
      received += chunk.toString()
      for (const _ of parser.feed(chunk)) for (const byte of Buffer.from('+OK\r\n')) socket.write(Buffer.from([byte]))
    })
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return { server, port: typeof address === 'object' && address ? address.port : 0, clients, received: () => received }
}

describe('the RESP connection (fake server)', () => {
  it('holds commands while disconnected within a bound, and sends them again after a reconnect', async () => {
    const fake = await fakeServer()
    const connection = new RedisConnection({ port: fake.port, reconnectDelayMs: 5, maxBufferBytes: 200 })
    try {
      await connection.ready()
      expect(await connection.command(['PING'])).toBe('OK')
      fake.clients[0]?.destroy() // the server drops us
      const replies: Promise<RespValue>[] = []
      for (let i = 0; i < 3; i++) replies.push(connection.command(['SET', `k${i}`, 'v']))
      expect(await Promise.all(replies)).toEqual(['OK', 'OK', 'OK'])
      expect(connection.connects).toBe(2)
      // Over the bound: refused at once, nothing sent.
      expect(connection.send(['SET', 'big', 'x'.repeat(300)], () => undefined)).toBe(false)
      await expect(connection.command(['SET', 'big', 'x'.repeat(300)])).rejects.toThrow(/buffer full/)
    } finally {
      connection.close()
      fake.server.close()
    }
  })

  it('refuses commands once the buffer is full while the server is unreachable, and fails them on close', async () => {
    const fake = await fakeServer()
    fake.server.close() // nothing listens on that port now
    const connection = new RedisConnection({ port: fake.port, reconnectDelayMs: 5, maxBufferBytes: 100 })
    const errors: string[] = []
    let accepted = 0
    while (connection.send(['SET', 'k', 'value'], (error) => errors.push(String(error?.message)))) accepted++
    expect(accepted).toBeGreaterThan(0)
    expect(connection.bufferedBytes).toBeLessThanOrEqual(100)
    connection.close()
    expect(errors).toEqual(Array.from({ length: accepted }, () => 'redis connection closed'))
  })

  it('parses redis:// URLs and rejects bad options', () => {
    const connection = new RedisConnection({ url: 'redis://:pw@127.0.0.1:1/3' })
    expect([connection.host, connection.port]).toEqual(['127.0.0.1', 1])
    connection.close()
    expect(() => new RedisConnection({ url: 'http://x' })).toThrow(ConfigError)
    expect(() => new RedisConnection({ port: 70000 })).toThrow(ConfigError)
  })
})

const redisAvailable = hasRedisServer() as boolean
if (!redisAvailable && process.env.CI) {
  describe('the Redis spool', () => {
    it('needs redis-server', () => {
      throw new Error('redis-server is not installed: .ci/run installs the Debian package redis-server; install it (apt-get install redis-server) to run the Redis spool tests')
    })
  })
}

describe.skipIf(!redisAvailable)('against a real redis-server', () => {
  let redis: { port: number; kill(signal?: string): Promise<void>; restart(): Promise<void>; stop(): Promise<void> }
  let sink: Sink
  beforeAll(async () => {
    redis = await startRedis()
    sink = await startSink()
  })
  afterAll(async () => {
    await redis?.stop()
    await sink?.close()
  })

  it('pipelines commands, reports error replies, and reconnects after the server drops the connection', async () => {
    const connection = new RedisConnection({ port: redis.port, reconnectDelayMs: 5 })
    try {
      const replies = await Promise.all([connection.command(['SET', 'a', '1']), connection.command(['INCR', 'a']), connection.command(['GET', 'a'])])
      expect(replies).toEqual(['OK', 2, '2'])
      await expect(connection.command(['NOPE'])).rejects.toThrow(/unknown command/)
      const killer = new RedisConnection({ port: redis.port })
      expect(await killer.command(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes'])).toBeGreaterThanOrEqual(1)
      killer.close()
      expect(await connection.command(['GET', 'a'])).toBe('2')
      expect(connection.connects).toBe(2)
    } finally {
      connection.close()
    }
  })

  it('survives a restart of redis-server: commands sent while it is down are executed once it is back', async () => {
    const connection = new RedisConnection({ port: redis.port, reconnectDelayMs: 5, maxReconnectDelayMs: 50 })
    try {
      await connection.command(['SET', 'before', '1'])
      await redis.kill('SIGTERM')
      const pending = connection.command(['SET', 'during', '1'])
      await redis.restart()
      expect(await pending).toBe('OK')
      expect(await connection.command(['MGET', 'before', 'during'])).toEqual(['1', '1'])
    } finally {
      connection.close()
    }
  })

  it('appends to a stream per lane, releases by XDEL, and recovers only what existed when the lane opened', async () => {
    const first = new RedisSpool({ port: redis.port, keyPrefix: 'unit:' })
    const a = first.openLane('segment')
    const b = first.openLane('posthog')
    const receipts = [0, 1, 2, 3, 4].map((i) => a.append({ id: `m-${i}`, json: `{"i":${i}}` }))
    b.append({ id: 'p-0', json: '{}' })
    a.release([receipts[1], receipts[3]])
    a.release([receipts[0]]) // released before Redis answered its XADD: deleted once it does
    expect(await a.recover()).toEqual([]) // nothing was there when the lane opened
    await first.close()

    const second = new RedisSpool({ port: redis.port, keyPrefix: 'unit:' })
    const lane = second.openLane('segment')
    lane.append({ id: 'new', json: '{}' }) // appended before recover(): not replayed
    const recovered = await lane.recover()
    expect(recovered.map(({ id, json }) => ({ id, json }))).toEqual([
      { id: 'm-2', json: '{"i":2}' },
      { id: 'm-4', json: '{"i":4}' },
    ])
    expect((await second.openLane('posthog').recover()).map((m) => m.id)).toEqual(['p-0'])
    lane.release(recovered.map((m) => m.receipt))
    await second.close()
    const check = new RedisConnection({ port: redis.port })
    try {
      const left = (await check.command(['XRANGE', 'unit:segment', '-', '+'])) as [string, string[]][]
      expect(left.map(([, fields]) => fields[1])).toEqual(['new'])
    } finally {
      check.close()
    }
  })

  it('recovers a backlog larger than one XRANGE page, in order', async () => {
    const first = new RedisSpool({ port: redis.port, keyPrefix: 'page:' })
    const lane = first.openLane('segment')
    for (let i = 0; i < 2500; i++) lane.append({ id: `m-${i}`, json: '{}' })
    await first.close()
    const second = new RedisSpool({ port: redis.port, keyPrefix: 'page:' })
    const recovered = await second.openLane('segment').recover()
    expect(recovered.map((m) => m.id)).toEqual(Array.from({ length: 2500 }, (_, i) => `m-${i}`))
    await second.close()
  })

  it('works as spool: { redis } under Analytics: keeps what the vendor did not take and replays it', async () => {
    expect(() => resolveSpool({ redis: { url: 'nope' } })).toThrow(ConfigError)
    const spool = { redis: { url: `redis://127.0.0.1:${redis.port}`, keyPrefix: 'analytics:' } }
    sink.inject('segment', ...Array.from({ length: 1_000 }, () => ({ status: 503 })))
    // Retries must outlast close()'s 200 ms (fast retries would otherwise give up first: failed, not pending).
    const first = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool, flushInterval: 60_000, flushAt: 100, retryBaseDelay: 1, maxRetries: 1_000 })
    for (let i = 0; i < 5; i++) first.track({ userId: 'u', event: 'e', messageId: `kept-${i}` })
    expect((await first.close({ timeout: 200 })).pending).toBe(5)
    sink.reset()
    const second = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool })
    second.track({ userId: 'u', event: 'e', messageId: 'fresh' })
    expect(await second.close()).toMatchObject({ delivered: 6, pending: 0 })
    expect(sink.messages({ vendor: 'segment' }).map((m) => m.id).sort()).toEqual(['fresh', 'kept-0', 'kept-1', 'kept-2', 'kept-3', 'kept-4'])
    const check = new RedisConnection({ port: redis.port })
    try {
      expect(await check.command(['XLEN', 'analytics:segment'])).toBe(0)
    } finally {
      check.close()
    }
    sink.reset()
  })
})
