// Definitions written to exhaust the evaluator (issue 15): exponential cohort trees, costly
// regexes, null subjects. "Does not hang" is shown by counting work, never by timing.
import { RE2JS } from 're2js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { evaluateAllFlags, evaluateFlag } from '../flags.js'
import { MAX_EVALUATION_STEPS } from './evaluation-budget.js'
import { MAX_REGEX_COST, MAX_REGEX_LENGTH, regexCost } from './regex-cost.js'
import type { FlagDefinitions, FlagPropertyFilter, FlagSubject, PropertyGroup } from '../flags.js'

/**
 * `levels` nested cohorts, cohort i = "in cohort i+1 OR in cohort i+1" (no cycle); the last one
 * matches `plan = pro`. Every filter object counts the times the evaluator reads it.
 */
function nestedCohorts(levels: number): { definitions: FlagDefinitions; reads: () => number } {
  let reads = 0
  const counted = (filter: FlagPropertyFilter): FlagPropertyFilter =>
    new Proxy(filter, {
      get(target, property, receiver) {
        if (property === 'type') reads++
        return Reflect.get(target, property, receiver) as unknown
      },
    })
  const cohorts: Record<string, PropertyGroup> = {}
  for (let i = 0; i < levels; i++) {
    const next = { key: 'id', type: 'cohort', operator: 'in', value: i + 1 }
    cohorts[String(i)] = { type: 'OR', values: [{ type: 'OR', values: [counted({ ...next }), counted({ ...next })] }] }
  }
  cohorts[String(levels)] = {
    type: 'OR',
    values: [{ type: 'AND', values: [counted({ key: 'plan', type: 'person', operator: 'exact', value: 'pro' })] }],
  }
  const definitions: FlagDefinitions = {
    flags: [
      {
        key: 'deep',
        active: true,
        filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: 0 }], rollout_percentage: 100 }] },
      },
    ],
    cohorts,
  }
  return { definitions, reads: () => reads }
}

describe('nested cohorts ("in the next OR in the next", no cycle)', () => {
  it('evaluates each cohort once per evaluation: work grows with the levels, not 2^levels', () => {
    const { definitions, reads } = nestedCohorts(20)
    // A non-matching leaf makes every OR try both members.
    const free = evaluateFlag('deep', { distinctId: 'u', personProperties: { plan: 'free' } }, definitions)
    expect(free.value).toBe(false)
    // 2 filters per level, each read a few times; without memoization this is over 2^20.
    expect(reads()).toBeLessThan(500)
  })

  it('answers as before: false when the leaf does not match, undefined when its property is missing', () => {
    const { definitions } = nestedCohorts(20)
    expect(evaluateFlag('deep', { distinctId: 'u', personProperties: { plan: 'free' } }, definitions).value).toBe(false)
    const missing = evaluateFlag('deep', { distinctId: 'u' }, definitions)
    expect(missing.value).toBeUndefined()
    expect(missing.reason).toMatchObject({ kind: 'inconclusive', because: 'missing-context' })
  })

  it('answers 40 levels (a few KB of definitions) with bounded work', () => {
    const { definitions, reads } = nestedCohorts(40)
    expect(JSON.stringify(definitions).length).toBeLessThan(8 * 1024)
    expect(evaluateFlag('deep', { distinctId: 'u', personProperties: { plan: 'free' } }, definitions).value).toBe(false)
    expect(evaluateFlag('deep', { distinctId: 'u' }, definitions).value).toBeUndefined()
    expect(reads()).toBeLessThan(2000)
  })
})

describe('work bound per evaluation', () => {
  // Linear, but more filters than one evaluation may look at.
  const wide = (filters: number): FlagDefinitions => ({
    flags: [
      {
        key: 'wide',
        active: true,
        filters: {
          groups: [
            { properties: Array.from({ length: filters }, () => ({ key: 'plan', type: 'person', operator: 'exact', value: 'pro' })) },
          ],
        },
      },
      { key: 'plain', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
    ],
  })
  const subject: FlagSubject = { distinctId: 'u', personProperties: { plan: 'pro' } }

  it('is inconclusive past the bound, with its own reason', () => {
    const evaluation = evaluateFlag('wide', subject, wide(MAX_EVALUATION_STEPS + 10))
    expect(evaluation.value).toBeUndefined()
    expect(evaluation.reason).toMatchObject({ kind: 'inconclusive', because: 'evaluation-limit' })
  })

  it('does not touch flags within the bound, in evaluateAllFlags too', () => {
    const definitions = wide(MAX_EVALUATION_STEPS + 10)
    const all = evaluateAllFlags(subject, definitions)
    expect(all['wide']?.reason).toMatchObject({ because: 'evaluation-limit' })
    expect(all['plain']?.value).toBe(true)
    expect(evaluateFlag('wide', subject, wide(1000)).value).toBe(true)
  })
})

describe('costly regexes', () => {
  afterEach(() => vi.restoreAllMocks())
  const regexFlags = (patterns: string[]): FlagDefinitions => ({
    flags: patterns.map((pattern, i) => ({
      key: `r${i}`,
      active: true,
      filters: { groups: [{ properties: [{ key: 'name', type: 'person', operator: 'regex', value: pattern }] }] },
    })),
  })
  const subject: FlagSubject = { distinctId: 'u', personProperties: { name: 'xxx' } }

  it('refuses a long pattern inside the portable subset without compiling it (inconclusive)', () => {
    const compile = vi.spyOn(RE2JS, 'compile')
    const pattern = 'x{0,1000}'.repeat(600) // 5.4 KB, ~3 s to compile before the fix
    expect(pattern.length).toBeGreaterThan(MAX_REGEX_LENGTH)
    const evaluation = evaluateFlag('r0', subject, regexFlags([pattern]))
    expect(evaluation.value).toBeUndefined()
    expect(evaluation.reason).toMatchObject({ kind: 'inconclusive', because: 'unsupported-definition' })
    expect(compile).not.toHaveBeenCalled()
  })

  it('refuses a short pattern whose compiled form would be large (inconclusive)', () => {
    const compile = vi.spyOn(RE2JS, 'compile')
    const pattern = 'x{0,1000}'.repeat(20) // 180 characters, 20,000 states
    expect(pattern.length).toBeLessThan(MAX_REGEX_LENGTH)
    const evaluation = evaluateFlag('r0', subject, regexFlags([pattern]))
    expect(evaluation.value).toBeUndefined()
    expect(evaluation.reason).toMatchObject({ kind: 'inconclusive', because: 'unsupported-definition' })
    expect(compile).not.toHaveBeenCalled()
    // Nested repetition multiplies: 6,000 states from 23 characters.
    const nested = '(?:(?:x{0,1000}){3}){2}'
    expect(regexCost(nested)).toBeGreaterThan(MAX_REGEX_COST)
    expect(evaluateFlag('r0', subject, regexFlags([nested])).value).toBeUndefined()
  })

  it('still decides ordinary patterns', () => {
    const all = evaluateAllFlags(subject, regexFlags(['^x+$', 'x{3}', '^[a-z]{1,20}$', 'y']))
    expect(Object.values(all).map((e) => e.value)).toEqual([true, true, true, false])
  })

  it('compiles each pattern once per definitions version, however many there are', () => {
    const patterns = Array.from({ length: 1200 }, (_, i) => `^x+${i}?$`)
    const definitions = regexFlags(patterns)
    const compile = vi.spyOn(RE2JS, 'compile')
    evaluateAllFlags(subject, definitions)
    evaluateAllFlags(subject, definitions)
    expect(compile).toHaveBeenCalledTimes(patterns.length)
    // A new version compiles again.
    evaluateAllFlags(subject, regexFlags(patterns))
    expect(compile).toHaveBeenCalledTimes(2 * patterns.length)
  })
})

describe('hostile subjects and options', () => {
  const definitions: FlagDefinitions = { flags: [{ key: 'on', active: true, filters: { groups: [{ properties: [] }] } }] }

  it('a null or non-object subject is inconclusive, never a TypeError', () => {
    for (const subject of [null, undefined, 42, 'u']) {
      const evaluation = evaluateFlag('on', subject as unknown as FlagSubject, definitions)
      expect(evaluation.value).toBeUndefined()
      expect(evaluation.reason).toMatchObject({ kind: 'inconclusive', because: 'missing-context' })
      expect(evaluateAllFlags(subject as unknown as FlagSubject, definitions)['on']?.value).toBeUndefined()
    }
  })

  it('a subject whose getters throw is inconclusive, never a throw', () => {
    const subject = {
      distinctId: 'u',
      get groups(): Record<string, string> {
        throw new Error('boom')
      },
    }
    expect(evaluateFlag('on', subject, definitions).reason).toMatchObject({ kind: 'inconclusive' })
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap')
        },
      },
    )
    expect(evaluateFlag('on', trap as FlagSubject, definitions).value).toBeUndefined()
  })

  it('null options are the defaults', () => {
    expect(evaluateFlag('on', { distinctId: 'u' }, definitions, null as never).value).toBe(true)
    expect(evaluateAllFlags({ distinctId: 'u' }, definitions, null as never)['on']?.value).toBe(true)
  })
})
