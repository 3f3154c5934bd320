import { rmSync } from 'node:fs'
import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { startRedis, type RedisServer } from '@polytrack/test-support/redis-server'
import { makeCertificates, type TestCertificates } from '@polytrack/test-support/test-certificates'
import { redisSpool } from '../src/redis-spool.js'
import { probe, until } from './support/lane-probe.js'
import { testDestination } from './support/test-destination.js'

describeRedis(
  'rediss:// (redis-server with TLS, a CA made by openssl in the test)',
  () => {
    let certs: TestCertificates
    let redis: RedisServer
    let sink: Sink
    beforeAll(async () => {
      certs = makeCertificates()
      redis = await startRedis({ tls: { certs, requireClientCert: true } })
      sink = await startSink()
    })
    afterAll(async () => {
      await redis?.stop()
      await sink?.close()
      if (certs) rmSync(certs.dir, { recursive: true, force: true })
    })

    it('appends, reads back and releases over TLS with a client certificate, and replays on the next start', async () => {
      const tls = { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey }
      const url = `rediss://127.0.0.1:${redis.port}`
      sink.inject('segment', ...Array.from({ length: 200 }, () => ({ status: 503 })))
      const first = new Analytics({
        destination: testDestination(sink.urlFor('segment')),
        spool: redisSpool({ url, tls, keyPrefix: 'tls:', instanceId: 'a' }),
        retryBaseDelayMs: 1,
        maxRetries: 1_000,
      })
      for (let i = 0; i < 20; i++) first.track({ userId: 'u', event: 'e', messageId: `t-${i}` })
      expect((await first.close({ timeoutMs: 200 })).pending).toBe(20)
      sink.reset()
      const spool = redisSpool({ url, tls, keyPrefix: 'tls:', instanceId: 'a' })
      await spool.ready()
      const second = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool })
      await until(() => sink.messages({ vendor: 'segment' }).length === 20, 'the backlog is delivered over TLS')
      expect(await second.close()).toMatchObject({ delivered: 20, pending: 0 })
    })

    it('refuses a server whose certificate the CA did not sign, reports it, and keeps delivering from memory', async () => {
      const other = makeCertificates()
      try {
        const spool = redisSpool({
          url: `rediss://127.0.0.1:${redis.port}`,
          tls: { ca: other.ca, cert: certs.clientCert, key: certs.clientKey },
          keyPrefix: 'tls-bad:',
          closeTimeoutMs: 0,
        })
        const listener = probe()
        const lane = spool.openLane('segment', listener)
        expect(lane.append({ id: 'm', json: '{}' }, true)).toBeDefined()
        await until(() => listener.kinds().includes('connection'), 'the TLS failure is reported')
        expect(listener.errors[0]?.message).toMatch(/certificate|self.signed|verify/i)
        expect(spool.connected).toBe(false)
        await spool.close()
      } finally {
        rmSync(other.dir, { recursive: true, force: true })
      }
    })
  },
  { openssl: true },
)
