// posthog-node features beyond the six calls, through the sink and compared with what posthog-node
// 5.70 sent for the same thing (fixtures/posthog-features.json, captured by
// packages/parity/src/capture-features.mjs): historical migration, group properties without a user,
// $groups on events, and sendFeatureFlags from local evaluation (with no request inside the call).
import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FEATURE_FLAG_DEFINITIONS, POSTHOG_FEATURE_CASES } from '@polytrack/parity/feature-cases'
import { maskPaths } from '@polytrack/adapter-conformance'
import { loadFixture, type FixtureCase } from '@polytrack/parity/fixtures'
import { posthog } from './index.js'

const PROJECT_KEY = 'phc_parity_project_key'
const fixture = loadFixture('posthog-features')

let sink: Sink
beforeAll(async () => {
  sink = await startSink({ port: 0, keys: { posthog: [PROJECT_KEY] }, flags: { definitions: FEATURE_FLAG_DEFINITIONS as never } })
})
afterAll(async () => {
  await sink.close()
})
beforeEach(() => sink.reset())

describe(`PostHog features: parity with ${fixture.sdk.name}@${fixture.sdk.version} through the sink`, () => {
  it('has a fixture for every case', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(POSTHOG_FEATURE_CASES.map((c) => c.name).sort())
  })

  for (const c of POSTHOG_FEATURE_CASES) {
    it(`${c.name}: the same item and envelope`, async () => {
      const { options, call, params } = c.polytrack
      const analytics = new Analytics({
        destination: posthog({ apiKey: PROJECT_KEY, host: sink.urlFor('posthog'), ...options }),
        flushIntervalMs: 60_000,
      })
      if (options.personalApiKey !== undefined) await analytics.reloadFeatureFlags()
      const flagRequestsBefore = sink.requests({ vendor: 'posthog', kind: 'flags' }).length
      ;(analytics[call] as (p: unknown) => void)(params)
      // Nothing inside the call asked the server (flag values come from the loaded definitions).
      expect(sink.requests({ vendor: 'posthog', kind: 'flags' })).toHaveLength(flagRequestsBefore)
      expect((await analytics.close({ timeoutMs: 5_000 })).delivered).toBe(1)

      const expected = fixture.cases[c.name] as Extract<FixtureCase, { item: unknown }>
      const [request] = sink.requests({ vendor: 'posthog', kind: 'ingest' })
      const [message] = sink.messages({ vendor: 'posthog' })
      const itemMasks = ['uuid', 'properties.$lib', 'properties.$lib_version', ...(params.timestamp === undefined ? ['timestamp'] : [])]
      expect(maskPaths(message!.payload, itemMasks)).toEqual(maskPaths(expected.item, itemMasks))
      expect(maskPaths(request!.body, ['sent_at'])).toEqual(maskPaths(expected.request.envelope, ['sent_at']))
      expect(`${request!.method} ${request!.path}`).toBe(`POST /posthog${expected.request.path}`)
      expect(request!.gzip).toBe(expected.request.gzip)
    })
  }
})
