import { inspect } from 'node:util'
import { ConfigError } from '@polytrack/core'
import { Redis } from 'ioredis'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { describe, expect, it } from 'vitest'
import { maskUrl } from '../src/mask-url.js'
import { RedisSpool, redisSpool } from '../src/redis-spool.js'
import { probe } from './support/lane-probe.js'

const PASSWORD = 'hunter2-SECRET'
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-PRIVATE\n-----END PRIVATE KEY-----'

describe('options', () => {
  it('finding 3: a malformed url is never echoed with its password', () => {
    for (const url of [
      `redis://user:${PASSWORD}@host:notaport`,
      `redis//user:${PASSWORD}@host`,
      `http://user:${PASSWORD}@host:6379`,
      `redis://:${PASSWORD}@/0`,
      `user:${PASSWORD}@host:6379`,
      `redis://user:${PASSWORD}%E0%A4%A@host:6379`,
    ]) {
      const error = expectThrown(ConfigError, () => redisSpool({ url }))
      expect(error.option).toBe('spool.url')
      expect(error.message).not.toContain(PASSWORD)
      expect(error.message).not.toContain('hunter2')
    }
  })

  it('masks the credentials of any url, valid or not', () => {
    expect(maskUrl(`rediss://user:${PASSWORD}@host:6380/0`)).toBe('rediss://***@host:6380/0')
    expect(maskUrl(`redis://:${PASSWORD}@host`)).toBe('redis://***@host')
    expect(maskUrl(`redis://user:pa/ss@word@host`)).toBe('redis://***@host')
    expect(maskUrl('redis://host:6379/0')).toBe('redis://host:6379/0')
    expect(maskUrl(`user:${PASSWORD}@host`)).toBe('***@host')
  })

  it('finding 3: util.inspect, JSON.stringify and toString of the spool and its lanes show neither the password nor the TLS key', async () => {
    const spool = new RedisSpool({
      url: `rediss://user:${PASSWORD}@127.0.0.1:1/2`,
      tls: { key: KEY, cert: 'CERT' },
      keyPrefix: 'app:',
      instanceId: 'web-1',
      closeTimeoutMs: 0,
    })
    const lane = spool.openLane('segment', probe())
    try {
      for (const text of [
        inspect(spool),
        inspect(spool, { showHidden: true, depth: 10 }),
        JSON.stringify(spool),
        String(spool),
        `${spool}`,
        inspect(lane, { showHidden: true, depth: 10 }),
        JSON.stringify(lane),
        inspect({ spool, lane }, { depth: 10 }),
      ]) {
        expect(text).not.toContain(PASSWORD)
        expect(text).not.toContain('PRIVATE')
      }
      expect(inspect(spool)).toContain('rediss://127.0.0.1:1/2')
      expect(JSON.stringify(spool)).toContain('web-1')
    } finally {
      await spool.close()
    }
  })

  it('refuses unknown options, naming the nearest valid one', () => {
    const error = expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', keyprefix: 'x' } as never))
    expect(error.option).toBe('spool.keyprefix')
    expect(error.message).toMatch(/did you mean `keyPrefix`\?/)
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', takeoverAfter: 5 } as never)).message).toMatch(
      /did you mean `takeoverAfterMs`\?/,
    )
  })

  it('checks every option', () => {
    expect(expectThrown(ConfigError, () => redisSpool({})).option).toBe('spool.url')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'http://localhost' })).option).toBe('spool.url')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost?password=x' })).option).toBe('spool.url')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost/abc' })).option).toBe('spool.url')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', keyPrefix: 'a{b' })).option).toBe('spool.keyPrefix')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', instanceId: '' })).option).toBe('spool.instanceId')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', takeoverAfterMs: 10 })).option).toBe(
      'spool.takeoverAfterMs',
    )
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', maxBufferBytes: -1 })).option).toBe(
      'spool.maxBufferBytes',
    )
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', closeTimeoutMs: Number.NaN })).option).toBe(
      'spool.closeTimeoutMs',
    )
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'redis://localhost', tls: 'yes' as never })).option).toBe('spool.tls')
    expect(expectThrown(ConfigError, () => redisSpool(null as never)).option).toBe('spool')
  })

  it('adopts a client of the user, refusing settings that would break the contract, and never quits it', async () => {
    const lazy = { lazyConnect: true } as const
    expect(expectThrown(ConfigError, () => redisSpool({ client: new Redis({ ...lazy, keyPrefix: 'x:' }) })).message).toMatch(/keyPrefix/)
    expect(expectThrown(ConfigError, () => redisSpool({ client: new Redis({ ...lazy, enableAutoPipelining: true }) })).message).toMatch(
      /enableAutoPipelining/,
    )
    expect(
      expectThrown(ConfigError, () => redisSpool({ client: new Redis({ ...lazy, autoResendUnfulfilledCommands: false }) })).message,
    ).toMatch(/autoResend/)
    expect(expectThrown(ConfigError, () => redisSpool({ client: {} as never })).option).toBe('spool.client')
    const client = new Redis({ ...lazy, port: 1, password: PASSWORD })
    expect(expectThrown(ConfigError, () => redisSpool({ client, url: 'redis://localhost' })).option).toBe('spool.client')
    const spool = redisSpool({ client, closeTimeoutMs: 0 })
    expect(inspect(spool, { showHidden: true, depth: 10 })).not.toContain(PASSWORD)
    await spool.close()
    expect(client.status).toBe('wait') // untouched: never connected, never quit
    client.disconnect()
  })
})
