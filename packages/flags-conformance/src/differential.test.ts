/**
 * Differential test: our evaluator against posthog-node 5.70 run offline, on ≥ 10,000 seeded
 * fast-check cases. Expect zero mismatches in value and payload.
 */
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { evaluateFlag } from '@polytrack/core/flags'
import { assembleCase, GROUP_TYPE_MAPPING, NOW, rawCaseArbitrary } from './case-generator.js'
import { startOracle } from './posthog-oracle.mjs'
import type { ConformanceCase } from './case-generator.js'
import type { OracleAnswer } from './posthog-oracle.mjs'
import type { FlagDefinitions } from '@polytrack/core/flags'

const SEED = 20250331
const CASES = 30_000
const BATCH = 1_500

interface Outcome {
  index: number
  testCase: ConformanceCase
  definitions: FlagDefinitions
  expected: OracleAnswer
  actual: OracleAnswer
}

function definitionsFor(cases: ConformanceCase[], matchingVersion: number | undefined): FlagDefinitions {
  return {
    flags: cases.flatMap((c) => c.flags),
    group_type_mapping: GROUP_TYPE_MAPPING,
    cohorts: Object.assign({}, ...cases.map((c) => c.cohorts)) as FlagDefinitions['cohorts'],
    ...(matchingVersion === undefined ? {} : { property_matching_version: matchingVersion }),
  }
}

function ours(testCase: ConformanceCase, definitions: FlagDefinitions): OracleAnswer {
  const evaluation = evaluateFlag(testCase.key, testCase.subject, definitions, { now: NOW })
  return { value: evaluation.value, payload: evaluation.payload }
}

async function runBatch(cases: ConformanceCase[], offset: number, matchingVersion: number | undefined): Promise<Outcome[]> {
  const definitions = definitionsFor(cases, matchingVersion)
  const oracle = await startOracle(definitions)
  try {
    const outcomes: Outcome[] = []
    for (const [i, testCase] of cases.entries()) {
      const expected = await oracle.evaluate(testCase.key, testCase.subject)
      outcomes.push({ index: offset + i, testCase, definitions, expected, actual: ours(testCase, definitions) })
    }
    expect(oracle.unexpectedRequests).toEqual([])
    return outcomes
  } finally {
    await oracle.shutdown()
  }
}

/** The case's own flags and cohorts only, for printing. */
function isolate(outcome: Outcome): unknown {
  const { testCase, definitions, expected, actual } = outcome
  return {
    caseIndex: outcome.index,
    key: testCase.key,
    definitions: { ...definitions, flags: testCase.flags, cohorts: testCase.cohorts },
    subject: testCase.subject,
    posthogNode: expected,
    ours: actual,
  }
}

const sameAnswer = (o: Outcome): boolean =>
  o.expected.value === o.actual.value && isDeepStrictEqual(o.expected.payload ?? null, o.actual.payload ?? null)

describe('flag evaluator vs posthog-node 5.70 (offline, onlyEvaluateLocally)', () => {
  const outcomes: Outcome[] = []

  beforeAll(async () => {
    // posthog-node reads the real clock for relative dates: pin it to the cases' `now`.
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const raw = fc.sample(rawCaseArbitrary, { seed: SEED, numRuns: CASES })
    const cases = raw.map((r, i) => assembleCase(r, i))
    for (let offset = 0; offset < cases.length; offset += BATCH) {
      const version = (offset / BATCH) % 2 === 1 ? 2 : undefined
      outcomes.push(...(await runBatch(cases.slice(offset, offset + BATCH), offset, version)))
    }
  }, 110_000)

  afterAll(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it(`evaluates at least ${CASES} cases with a mix of answers`, () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(10_000)
    const tally = new Map<string, number>()
    for (const o of outcomes) {
      const kind = o.expected.value === undefined ? 'undefined' : typeof o.expected.value
      tally.set(kind, (tally.get(kind) ?? 0) + 1)
    }
    console.info('oracle answers:', Object.fromEntries(tally))
    // Each kind of answer must be well represented, or the comparison proves little.
    for (const kind of ['undefined', 'boolean', 'string']) expect(tally.get(kind) ?? 0).toBeGreaterThan(300)
  })

  it('gives the same value and payload as posthog-node for every case', () => {
    const mismatches = outcomes.filter((o) => !sameAnswer(o))
    if (mismatches.length > 0) {
      // The smallest failing case (by serialized size) is the most readable counterexample.
      const smallest = [...mismatches].sort((a, b) => JSON.stringify(isolate(a)).length - JSON.stringify(isolate(b)).length)[0]!
      console.error(`${mismatches.length} mismatches; minimal counterexample:\n${JSON.stringify(isolate(smallest), null, 2)}`)
    }
    expect(mismatches.length).toBe(0)
  })
})
