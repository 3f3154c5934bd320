/**
 * Starts a throw-away redis-server (Debian's package) on a free loopback port for the spool mode,
 * without persistence (`--appendonly no`); resolves with `{ url, tls?, stop }`, or `undefined` when
 * redis-server (or, for `{ tls: true }`, openssl) is not installed. With TLS it makes a CA and
 * certificates with openssl and serves TLS only; `tls` then holds the client options (`{ ca }`).
 * The servers and certificates are @polytrack/test-support's, as the Redis spool's tests use them.
 */
import { rmSync } from 'node:fs'
import { hasRedisServer, startRedis } from '@polytrack/test-support/redis-server'
import { hasOpenssl, makeCertificates } from '@polytrack/test-support/test-certificates'

export async function startRedisServer(options = {}) {
  if (!hasRedisServer()) return undefined
  if (options.tls && !hasOpenssl()) return undefined
  const certs = options.tls ? makeCertificates() : undefined
  const server = await startRedis({ appendOnly: false, ...(certs ? { tls: { certs } } : {}) })
  return {
    url: server.url,
    tls: certs ? { ca: certs.ca } : undefined,
    async stop() {
      await server.stop()
      if (certs) rmSync(certs.dir, { recursive: true, force: true })
    },
  }
}
