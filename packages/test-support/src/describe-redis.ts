// The guard of the Redis tests: they run where redis-server (and openssl, for TLS) is installed,
// are skipped on a developer's machine without it, and fail in CI, where .ci/run installs it.
import { describe, it } from 'vitest'
import { hasRedisServer } from './redis-server.mjs'
import { hasOpenssl } from './test-certificates.mjs'

/**
 * `describe(name, body)` for tests that need redis-server (and openssl with `needs.openssl`): when
 * one is missing, the block is skipped locally, and in CI (`CI` set) replaced by one failing test
 * that names what is missing and how to install it.
 */
export function describeRedis(name: string, body: () => void, needs: { openssl?: boolean } = {}): void {
  const missing = !hasRedisServer() ? 'redis-server' : needs.openssl && !hasOpenssl() ? 'openssl' : undefined
  if (missing !== undefined && process.env.CI) {
    describe(name, () => {
      it(`needs ${missing}`, () => {
        throw new Error(
          `${missing} is not installed: .ci/run installs it (apt-get install redis-server openssl); install it to run the Redis spool tests`,
        )
      })
    })
    return
  }
  describe.skipIf(missing !== undefined)(name, body)
}
