// What rudder-sdk-node sends beyond the Segment spec: an alias's traits, and an explicit empty
// properties/traits (the SDK sends what the caller gave, and leaves out what it did not). Parity
// with the captured SDK (fixtures/rudderstack-features.json), then the same calls through the sink.
import { Analytics } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RUDDERSTACK_FEATURE_CASES } from '@polytrack/parity/feature-cases'
import { maskPaths } from '@polytrack/adapter-conformance'
import { loadFixture } from '@polytrack/parity/fixtures'
import { rudderstack } from './index.js'

const fixture = loadFixture('rudderstack-features')
// The fixture was captured on one Node version; the item reports the one running (checked on its own below).
const MASKS = ['context.library', 'messageId', 'originalTimestamp', 'sentAt', '_metadata.nodeVersion']

describe(`RudderStack features, parity with ${fixture.sdk.name}@${fixture.sdk.version} (fixtures/rudderstack-features.json)`, () => {
  const destination = rudderstack({ writeKey: 'wk', dataPlaneUrl: 'https://hosted.rudderlabs.com' })
  for (const c of RUDDERSTACK_FEATURE_CASES) {
    it(`${c.name}: the same item`, () => {
      const message = createMessage(c.polytrack.call, c.polytrack.params as never, { library: LIBRARY })
      const request = destination.buildRequest(
        [destination.encode(message, { callTime: new Date().toISOString(), timestampGiven: false })],
        { sentAt: '2030-01-01T00:00:00.000Z' },
      )
      const item = (JSON.parse(request.body) as { batch: Record<string, unknown>[] }).batch[0]!
      expect((item._metadata as { nodeVersion?: unknown } | undefined)?.nodeVersion).toBe(process.versions.node)
      expect(maskPaths(item, MASKS)).toEqual(maskPaths((fixture.cases[c.name] as { item: Record<string, unknown> }).item, MASKS))
    })
  }
})

describe('RudderStack features through the sink', () => {
  let sink: Sink
  beforeAll(async () => {
    sink = await startSink({ port: 0, keys: { rudderstack: ['wk'] } })
  })
  afterAll(async () => {
    await sink.close()
  })

  it('delivers an alias with traits, keeps an explicit properties: {} and leaves out properties not given', async () => {
    const analytics = new Analytics({
      destination: rudderstack({ writeKey: 'wk', dataPlaneUrl: sink.urlFor('rudderstack') }),
      flushIntervalMs: 60_000,
    })
    analytics.alias({ userId: 'u1', previousId: 'anon-1', traits: { plan: 'pro' } })
    analytics.track({ userId: 'u1', event: 'Logged In', properties: {} })
    analytics.track({ userId: 'u1', event: 'Logged Out' })
    expect((await analytics.close({ timeoutMs: 5_000 })).delivered).toBe(3)
    const [alias, explicit, absent] = sink.messages({ vendor: 'rudderstack' }).map((m) => m.payload as Record<string, unknown>)
    expect(alias).toMatchObject({ type: 'alias', userId: 'u1', previousId: 'anon-1', traits: { plan: 'pro' } })
    expect(explicit).toMatchObject({ event: 'Logged In', properties: {} })
    expect(absent).not.toHaveProperty('properties')
  })
})
