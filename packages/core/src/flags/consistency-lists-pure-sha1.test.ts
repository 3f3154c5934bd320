import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import type { FlagDefinitions } from '../flags.js'
import { pureSha1Hex } from '../hashing/sha1.js'

// Where the runtime has no node:crypto (an edge runtime, workerd without nodejs_compat) flags are
// bucketed with the plain-JavaScript SHA-1: the evaluator must give posthog-node's answers with it.
vi.mock('../hashing/digest.js', () => ({ sha1Hex: pureSha1Hex, DIGEST_SOURCE: 'javascript' }))
const { evaluateFlag } = await import('../flags.js')
const { DIGEST_SOURCE } = await import('../hashing/digest.js')

const fixture = JSON.parse(readFileSync(new URL('./fixtures/posthog-consistency.json', import.meta.url), 'utf8')) as {
  definitions: FlagDefinitions
  simpleFlag: (boolean | string)[]
  multivariateFlag: (boolean | string)[]
}
const ids = Array.from({ length: 1000 }, (_, i) => `distinct_id_${i}`)

describe('PostHog consistency lists with the plain-JavaScript SHA-1', () => {
  it('is what this file tests', () => {
    expect(DIGEST_SOURCE).toBe('javascript')
  })

  it.each([
    ['simple-flag', 'simpleFlag'],
    ['multivariate-flag', 'multivariateFlag'],
  ] as const)('%s: equals posthog-node id by id', (key, list) => {
    expect(ids.map((distinctId) => evaluateFlag(key, { distinctId }, fixture.definitions).value)).toEqual(fixture[list])
  })
})
