import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateFlag } from '../flags.js'
import type { FlagDefinitions } from '../flags.js'

// Per-id answers captured from posthog-node 5.70 (scripts/capture-consistency-fixture.mjs in
// packages/flags-conformance); the totals are PostHog's published consistency figures.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/posthog-consistency.json', import.meta.url), 'utf8')) as {
  definitions: FlagDefinitions
  simpleFlag: (boolean | string)[]
  multivariateFlag: (boolean | string)[]
}

const ids = Array.from({ length: 1000 }, (_, i) => `distinct_id_${i}`)
const valuesOf = (key: string): unknown[] => ids.map((distinctId) => evaluateFlag(key, { distinctId }, fixture.definitions).value)
const count = (values: unknown[], value: unknown): number => values.filter((v) => v === value).length

describe('PostHog consistency lists', () => {
  it('simple-flag at 45 %: equals posthog-node id by id', () => {
    expect(valuesOf('simple-flag')).toEqual(fixture.simpleFlag)
  })

  it('simple-flag at 45 %: 446 of distinct_id_0..999 are in (published)', () => {
    expect(count(valuesOf('simple-flag'), true)).toBe(446)
  })

  it('multivariate-flag at 55 %: equals posthog-node id by id', () => {
    expect(valuesOf('multivariate-flag')).toEqual(fixture.multivariateFlag)
  })

  it('multivariate-flag at 55 %: 290/110/111/24/21 and 444 false (published)', () => {
    const values = valuesOf('multivariate-flag')
    const variants = ['first-variant', 'second-variant', 'third-variant', 'fourth-variant', 'fifth-variant']
    expect(variants.map((v) => count(values, v))).toEqual([290, 110, 111, 24, 21])
    expect(count(values, false)).toBe(444)
  })
})
