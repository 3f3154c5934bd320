import { expose, leakedNeedles, startKeyEchoServer, type EchoServer } from '@polytrack/adapter-conformance'
import { Analytics } from '@polytrack/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAdapters, type AdapterCase } from './support/adapters.js'
import { recordEvents } from './support/client.js'

/**
 * A key cannot be recovered from an `error` event whatever spelling a server echoes it in
 * (issue 15, item 9): the Authorization header URL-encoded, its Base64 without padding or as
 * base64url, the key JSON-escaped, the body URL-encoded. Every adapter built in the workspace,
 * delivery and (PostHog) flag requests alike.
 */
let adapters: AdapterCase[] = []
const servers: EchoServer[] = []

beforeAll(async () => {
  ;({ adapters } = await loadAdapters())
})
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('9. no spelling of a key in errors or events', () => {
  for (const status of [401, 400, 500]) {
    it(`a server answering ${status} with the credentials URL-encoded, unpadded, base64url, JSON-escaped`, async () => {
      expect(adapters.map((a) => a.name)).toEqual(expect.arrayContaining(['rudderstack', 'posthog']))
      for (const adapter of adapters) {
        const server = await startKeyEchoServer(status)
        servers.push(server)
        const analytics = new Analytics({
          destination: adapter.create(adapter.options(server.url)),
          flushAt: 5,
          maxRetries: 1,
          retryBaseDelayMs: 5,
          httpTimeoutMs: 1000,
        })
        const log = recordEvents(analytics)
        for (let i = 0; i < 5; i++) analytics.track({ userId: `user-${i}`, event: 'Secret Test' })
        await analytics.flush()
        // PostHog: its flag requests (definitions with the personal key, /flags with the project key) get the same echo.
        await analytics.getFeatureFlag('any', 'user-1')
        const report = await analytics.close({ timeoutMs: 1000 })
        expect(log.of('error').length, `${adapter.name}: an error event was expected`).toBeGreaterThan(0)
        const observed = expose(log.all) + expose(report)
        expect(leakedNeedles(observed, adapter.secrets), `${adapter.name} ${status}: in an event or error`).toEqual([])
      }
    })
  }
})
