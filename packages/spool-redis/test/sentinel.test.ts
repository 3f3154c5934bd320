import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { startSentinel, type SentinelSetup } from '@polytrack/test-support/redis-server'
import { redisSpool } from '../src/redis-spool.js'
import { until } from './support/lane-probe.js'
import { testDestination } from './support/test-destination.js'

describeRedis('through Sentinel (an ioredis client given as `client`)', () => {
  let sentinel: SentinelSetup
  let sink: Sink
  beforeAll(async () => {
    sentinel = await startSentinel('polytrack')
    sink = await startSink()
  })
  afterAll(async () => {
    await sink?.close()
    await sentinel?.stop()
  })

  it('finds the master through the sentinel, keeps what the vendor refused, and the next start delivers it; the client is never quit', async () => {
    const client = new Redis({ sentinels: [{ host: '127.0.0.1', port: sentinel.sentinelPort }], name: sentinel.name })
    try {
      sink.inject('segment', ...Array.from({ length: 200 }, () => ({ status: 503 })))
      const first = new Analytics({
        destination: testDestination(sink.urlFor('segment')),
        spool: redisSpool({ client, keyPrefix: 'sentinel:', instanceId: 'pod-0' }),
        retryBaseDelayMs: 1,
        maxRetries: 1_000,
      })
      await until(() => client.status === 'ready', 'connected through the sentinel')
      for (let i = 0; i < 10; i++) first.track({ userId: 'u', event: 'e', messageId: `s-${i}` })
      expect((await first.close({ timeoutMs: 200 })).pending).toBe(10)
      expect(client.status).toBe('ready') // not quit: the user owns it
      const master = new Redis(sentinel.master.port, '127.0.0.1')
      expect(await master.xlen('{sentinel:segment}:s:pod-0')).toBe(10)
      master.disconnect()
      sink.reset()
      const second = new Analytics({
        destination: testDestination(sink.urlFor('segment')),
        spool: redisSpool({ client, keyPrefix: 'sentinel:', instanceId: 'pod-0' }),
      })
      await until(() => sink.messages({ vendor: 'segment' }).length === 10, 'the backlog is delivered')
      expect(await second.close()).toMatchObject({ delivered: 10, pending: 0 })
    } finally {
      client.disconnect()
    }
  })
})
