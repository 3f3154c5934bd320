import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateFlag } from '../flags.js'
import type { FlagDefinitions } from '../flags.js'

// A table of operator × filter value × person value, with the answers posthog-node 5.70 gave
// (scripts/capture-operator-fixture.mjs in packages/flags-conformance). Relative dates are
// replayed at the capture time.
interface OperatorCase {
  key: string
  operator: string
  filterValue: unknown
  personValue?: unknown
  missing?: boolean
  expected: boolean | string
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/operator-cases.json', import.meta.url), 'utf8')) as {
  capturedAt: string
  definitions: FlagDefinitions
  cases: OperatorCase[]
}
const now = new Date(fixture.capturedAt)

// Documented difference: RE2 cannot compile repetition counts above 1000; we answer undefined
// where posthog-node runs a backtracking match (docs/feature-flags-evaluator.md).
const beyondRe2 = (c: OperatorCase): boolean =>
  (c.operator === 'regex' || c.operator === 'not_regex') && /\{\d{4,}/.test(String(c.filterValue))

describe('property operators (posthog-node answers)', () => {
  const operators = [...new Set(fixture.cases.map((c) => c.operator))]
  it.each(operators)('%s', (operator) => {
    const mismatches = fixture.cases
      .filter((c) => c.operator === operator && !beyondRe2(c))
      .map((c) => {
        const personProperties = c.missing ? {} : { p: c.personValue }
        const got = evaluateFlag(c.key, { distinctId: 'person-1', personProperties }, fixture.definitions, { now }).value
        return { filter: c.filterValue, person: c.personValue, expected: c.expected, got: got === undefined ? 'undefined' : got }
      })
      .filter((r) => r.got !== r.expected)
    expect(mismatches).toEqual([])
  })

  it('answers undefined for regex repetition counts beyond RE2 (documented difference)', () => {
    const cases = fixture.cases.filter(beyondRe2)
    expect(cases.length).toBeGreaterThan(0)
    for (const c of cases) {
      const personProperties = c.missing ? {} : { p: c.personValue }
      const got = evaluateFlag(c.key, { distinctId: 'person-1', personProperties }, fixture.definitions, { now })
      expect(got.value).toBeUndefined()
    }
  })

  it('covers decided and undecided answers for every operator family', () => {
    const answers = new Set(fixture.cases.map((c) => String(c.expected)))
    expect(answers).toEqual(new Set(['true', 'false', 'undefined']))
  })
})
