// Secrets masked in every output: no spelling of any key the adapter holds appears in errors, error
// events, other events, reports, process warnings or console output when the vendor echoes the keys
// back; nor in util.inspect / JSON.stringify of the adapter or of a client; nor in the message of a
// ConfigError about a malformed option that contains the key.
import { inspect } from 'node:util'
import { Analytics, type AnalyticsEvents } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { secretsOf } from './adapter-under-test.js'
import { TEST_USER, type ConformanceContext } from './conformance-context.js'
import { captureOutput, expose, leakedNeedles, startKeyEchoServer } from './secret-exposure.js'
import { secretCount } from './workspace.mjs'

const EVENTS: readonly (keyof AnalyticsEvents)[] = ['delivered', 'retry', 'dropped', 'error', 'request', 'paused', 'resumed']

/** Fast delivery against a failing vendor: one retry, short delays. */
const FAILING_VENDOR_SETTINGS = { flushAt: 5, maxRetries: 1, retryBaseDelayMs: 5, httpTimeoutMs: 1000 }

/** Registers the secrets suite. */
export function describeSecrets(ctx: ConformanceContext): void {
  const { adapter } = ctx
  const key = `${adapter.pkg.dir}_key_SECRET_7f3a`
  const extra = Array.from({ length: secretCount(adapter.pkg.adapter) }, (_, i) => `${adapter.pkg.dir}_secret${i + 1}_SECRET_0c9e`)
  const build = (host: string) => adapter.createWithSecrets(key, host, extra)
  const secrets = () => [key, ...extra, ...secretsOf(build('https://example.com'))]

  describe('secrets', () => {
    it('the adapter holds every secret it was given (so that the client can mask them)', () => {
      expect(secretsOf(build('https://example.com'))).toEqual(expect.arrayContaining([key, ...extra]))
    })

    for (const status of [401, 400, 500]) {
      it(`not in errors, events, reports, warnings or console output: a vendor echoing the keys with ${status}`, async () => {
        const server = await startKeyEchoServer(status)
        try {
          let observed = ''
          const output = await captureOutput(async () => {
            // One client listens to every event; one has no listener (its errors become process warnings).
            const withListeners = new Analytics({ destination: build(server.url), ...FAILING_VENDOR_SETTINGS })
            const bare = new Analytics({ destination: build(server.url), ...FAILING_VENDOR_SETTINGS })
            const events: { event: string; payload: unknown }[] = []
            for (const event of EVENTS) withListeners.on(event, (payload: unknown) => events.push({ event, payload }))
            for (const client of [withListeners, bare]) {
              for (let i = 0; i < 10; i++) client.track({ userId: `${TEST_USER}-${i}`, event: 'Secret Test', properties: { i } })
            }
            await Promise.all([withListeners.flush(), bare.flush()])
            const reports = await Promise.all([withListeners.close({ timeoutMs: 1000 }), bare.close({ timeoutMs: 1000 })])
            expect(events.filter((e) => e.event === 'error').length, 'an error event was expected').toBeGreaterThan(0)
            observed = expose(events) + expose(reports) + expose(withListeners.report())
          })
          expect(output, 'the client without an error listener should have warned').toMatch(/POLYTRACK_DELIVERY|Warning/)
          expect(leakedNeedles(observed, secrets()), 'in events, errors or reports').toEqual([])
          expect(leakedNeedles(output, secrets()), 'in console, stderr or warnings').toEqual([])
        } finally {
          await server.close()
        }
      })
    }

    it('not in util.inspect or JSON.stringify of the adapter or of a client', async () => {
      const destination = build('https://example.com')
      const analytics = new Analytics({ destination })
      const shown = inspect(destination, { depth: 10 }) + JSON.stringify(destination) + inspect(analytics, { depth: null })
      await analytics.close({ timeoutMs: 0 })
      expect(leakedNeedles(shown, secrets())).toEqual([])
    })

    it('not in configuration errors: URLs with the key as a password, the key as the URL, the key with spaces', () => {
      const attempts: [string, string][] = [
        [key, `https://user:${key}@exa mple.com`],
        [key, `https://user:${key}@example.com`],
        [key, key],
        [key, `${key}://x`],
        [` ${key} `, 'https://example.com'],
      ]
      for (const [givenKey, host] of attempts) {
        let error: unknown
        try {
          adapter.createWithSecrets(givenKey, host, extra)
        } catch (e) {
          error = e
        }
        expect(error, `${JSON.stringify(givenKey)} with ${host} was accepted`).toBeInstanceOf(Error)
        expect((error as Error).name).toBe('ConfigError')
        expect(leakedNeedles(expose(error), [key, ...extra]), expose(error)).toEqual([])
      }
    })
  })
}
