import { gunzipSync } from 'node:zlib'
import { Analytics } from '@polytrack/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAdapters, type AdapterCase } from './support/adapters.js'
import { recordEvents } from './support/client.js'
import { expose } from './support/expose.js'
import { httpServer, type TestServer } from './support/servers.js'

/**
 * A key cannot be recovered from an `error` event whatever spelling a server echoes it in
 * (issue 15, item 9): the Authorization header URL-encoded, its Base64 without padding or as
 * base64url, the key JSON-escaped, the body URL-encoded. Every adapter built in the workspace,
 * delivery and (PostHog) flag requests alike.
 */
let adapters: AdapterCase[] = []
const servers: TestServer[] = []

const b64 = (text: string) => Buffer.from(text).toString('base64')
const b64url = (text: string) => Buffer.from(text).toString('base64url')
const unpadded = (text: string) => text.replace(/=+$/, '')

/** Every spelling of each key that decodes back to it (unpadded forms also cover padded ones). */
function needles(secrets: string[]): string[] {
  return secrets.flatMap((s) => [s, unpadded(b64(`${s}:`)), unpadded(b64url(`${s}:`)), unpadded(b64(s)), unpadded(b64url(s)), encodeURIComponent(s)])
}

/** Echoes the credentials of each request in every encoding but the one it was sent in. */
function encodingEchoServer(status: number): Promise<TestServer> {
  return httpServer((req, res, raw) => {
    let body = raw
    try {
      if (/gzip/.test(req.headers['content-encoding'] ?? '')) body = gunzipSync(raw)
    } catch {
      // not gzip after all
    }
    const auth = req.headers.authorization ?? ''
    const token = auth.slice(auth.indexOf(' ') + 1)
    const user = auth.startsWith('Basic ') ? Buffer.from(token, 'base64').toString().replace(/:$/, '') : token
    const echo = {
      error: 'invalid credentials',
      authorizationUrlEncoded: encodeURIComponent(auth),
      tokenWithoutPadding: unpadded(token),
      tokenBase64url: Buffer.from(token, 'base64').toString('base64url'),
      userBase64: unpadded(b64(user)),
      userJsonEscaped: JSON.stringify(JSON.stringify({ user })),
      queryUrlEncoded: encodeURIComponent(req.url ?? ''),
      bodyUrlEncoded: encodeURIComponent(body.toString('utf8').slice(0, 2000)),
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(echo))
  })
}

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
        const server = await encodingEchoServer(status)
        servers.push(server)
        const analytics = new Analytics({ destination: adapter.create(adapter.options(server.url)), flushAt: 5, maxRetries: 1, retryBaseDelay: 5, httpTimeout: 1000 })
        const log = recordEvents(analytics)
        for (let i = 0; i < 5; i++) analytics.track({ userId: `u${i}`, event: 'Secret Test' })
        await analytics.flush()
        // PostHog: its flag requests (definitions with the personal key, /flags with the project key) get the same echo.
        await analytics.getFeatureFlag('any', 'u1')
        const report = await analytics.close({ timeout: 1000 })
        expect(log.of('error').length, `${adapter.name}: an error event was expected`).toBeGreaterThan(0)
        const observed = expose(log.all) + expose(report)
        for (const needle of needles(adapter.secrets)) {
          expect(observed.includes(needle), `${adapter.name} ${status}: "${needle}" in an event or error`).toBe(false)
        }
      }
    })
  }
})
