import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Analytics } from '../analytics.js'
import type { ErrorEvent } from '../events/event-types.js'
import type { FlagDefinitions } from '../flags/definition-types.js'
import { localFlags } from './local-flags.js'
import { idleDestination as idle } from '@polytrack/sink/test-destinations'

const definitions: FlagDefinitions = {
  flags: [
    {
      id: 1,
      key: 'everyone',
      active: true,
      filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"color":"blue"}' } },
    },
    { id: 2, key: 'nobody', active: true, filters: { groups: [{ properties: [], rollout_percentage: 0 }] } },
    {
      id: 3,
      key: 'pro-only',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', value: ['pro'], operator: 'exact', type: 'person' }], rollout_percentage: 100 }] },
    },
    {
      id: 4,
      key: 'ab',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: 100 }],
        multivariate: {
          variants: [
            { key: 'control', rollout_percentage: 0 },
            { key: 'test', rollout_percentage: 100 },
          ],
        },
        payloads: { test: 'not json' },
      },
    },
  ],
}

describe('flags on the client with localFlags', () => {
  it('answers the six calls from local definitions', async () => {
    const analytics = new Analytics({ destination: idle, flags: localFlags({ definitions }) })
    expect(await analytics.getFeatureFlag('everyone', 'u1')).toBe(true)
    expect(await analytics.getFeatureFlag('nobody', 'u1')).toBe(false)
    expect(await analytics.isFeatureEnabled('ab', 'u1')).toBe(true)
    expect(await analytics.getFeatureFlag('ab', 'u1')).toBe('test')
    expect(await analytics.getFeatureFlagPayload('everyone', 'u1')).toEqual({ color: 'blue' })
    expect(await analytics.getFeatureFlagPayload('ab', 'u1')).toBe('not json')
    expect(await analytics.getFeatureFlag('pro-only', 'u1', { personProperties: { plan: 'pro' } })).toBe(true)
    expect(await analytics.getFeatureFlag('pro-only', 'u1', { personProperties: { plan: 'free' } })).toBe(false)
    // Without the property it cannot be decided locally, and localFlags has no server to ask.
    expect(await analytics.getFeatureFlag('pro-only', 'u1')).toBeUndefined()
    expect(await analytics.getFeatureFlag('missing', 'u1')).toBeUndefined()
    expect(await analytics.getAllFlags('u1')).toEqual({ everyone: true, nobody: false, ab: 'test' })
    expect(await analytics.getAllFlagsAndPayloads('u1', { personProperties: { plan: 'pro' } })).toEqual({
      featureFlags: { everyone: true, nobody: false, 'pro-only': true, ab: 'test' },
      featureFlagPayloads: { everyone: { color: 'blue' }, ab: 'not json' },
    })
    await analytics.close()
  })

  it('never rejects: bad arguments and a missing source become undefined and an error event', async () => {
    const analytics = new Analytics({ destination: idle })
    const errors: ErrorEvent[] = []
    analytics.on('error', (e) => errors.push(e))
    expect(await analytics.getFeatureFlag('everyone', 'u1')).toBeUndefined()
    expect(await analytics.getAllFlags('u1')).toEqual({})
    expect(errors[0]?.error.code).toBe('flags_unavailable')
    const withFlags = new Analytics({ destination: idle, flags: localFlags({ definitions }) })
    const more: ErrorEvent[] = []
    withFlags.on('error', (e) => more.push(e))
    expect(await withFlags.getFeatureFlag('everyone', '' as string)).toBeUndefined()
    expect(await withFlags.getFeatureFlag(42 as never, 'u1')).toBeUndefined()
    expect(more.map((e) => e.error.code)).toEqual(['flags_invalid', 'flags_invalid'])
    await Promise.all([analytics.close(), withFlags.close()])
  })

  it('reads a JSON file and reloads it when it changes; a broken file keeps the old definitions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polytrack-flags-'))
    const file = join(dir, 'flags.json')
    writeFileSync(file, JSON.stringify({ flags: [definitions.flags[1]] }))
    const analytics = new Analytics({ destination: idle, flags: localFlags({ file, watch: true }) })
    const errors: ErrorEvent[] = []
    analytics.on('error', (e) => errors.push(e))
    expect(await analytics.getFeatureFlag('nobody', 'u1')).toBe(false)
    writeFileSync(
      file,
      JSON.stringify({ flags: [{ ...definitions.flags[1], filters: { groups: [{ properties: [], rollout_percentage: 100 }] } }] }),
    )
    await waitFor(async () => (await analytics.getFeatureFlag('nobody', 'u1')) === true)
    writeFileSync(file, '{ not json')
    await waitFor(async () => errors.length > 0)
    expect(errors[0]?.error.code).toBe('flags_file')
    expect(await analytics.getFeatureFlag('nobody', 'u1')).toBe(true)
    await analytics.close()
  })

  it('refuses options without definitions or file', () => {
    expect(() => localFlags({} as never)).toThrow(/exactly one of definitions or file/)
    expect(() => localFlags({ definitions: { nope: 1 } as never })).toThrow(/"flags" array/)
  })
})

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('condition not reached in 4 s')
}
