import { describe, expect, it } from 'vitest'
import { evaluateAllFlags, evaluateFlag } from '../flags.js'
import type { FlagDefinitions } from '../flags.js'

const definitions: FlagDefinitions = {
  flags: [
    { key: 'off', active: false, filters: { groups: [{ properties: [] }] } },
    { key: 'on', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"a":1}' } } },
    { key: 'raw-payload', active: true, filters: { groups: [{ properties: [] }], payloads: { true: 'not json' } } },
    { key: 'continuity', active: true, ensure_experience_continuity: true, filters: { groups: [] } },
    {
      key: 'by-plan',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', type: 'person', operator: 'exact', value: 'pro' }] }] },
    },
    { key: 'company', active: true, filters: { aggregation_group_type_index: 0, groups: [{ properties: [] }] } },
    { key: 'zero', active: true, filters: { groups: [{ properties: [], rollout_percentage: 0 }], early_exit: true } },
    { key: 'held', active: true, filters: { groups: [{ properties: [] }], holdout: { id: 3, exclusion_percentage: 100 } } },
    { key: 'static-cohort', active: true, filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: 404 }] }] } },
  ],
  group_type_mapping: { '0': 'company' },
  cohorts: {},
}
const subject = { distinctId: 'user-1' }

describe('evaluateFlag reasons', () => {
  it.each([
    ['off', false, { kind: 'disabled' }],
    ['on', true, { kind: 'condition-match', conditionIndex: 0 }],
    ['company', false, { kind: 'group-missing', groupType: 'company' }],
    ['zero', false, { kind: 'rollout-miss', conditionIndex: 0, earlyExit: true }],
    ['held', 'holdout-3', { kind: 'holdout', holdoutId: 3 }],
    ['missing', undefined, { kind: 'not-found' }],
  ])('%s', (key, value, reason) => {
    const evaluation = evaluateFlag(key, subject, definitions)
    expect(evaluation.value).toBe(value)
    expect(evaluation.reason).toEqual(reason)
  })

  it('reports why a flag is inconclusive', () => {
    expect(evaluateFlag('continuity', subject, definitions).reason).toMatchObject({ because: 'experience-continuity' })
    expect(evaluateFlag('by-plan', subject, definitions).reason).toMatchObject({ because: 'missing-context' })
    expect(evaluateFlag('static-cohort', subject, definitions).reason).toMatchObject({ because: 'unsupported-definition' })
  })

  it('decides once the property is known', () => {
    expect(evaluateFlag('by-plan', { ...subject, personProperties: { plan: 'PRO' } }, definitions).value).toBe(true)
    expect(evaluateFlag('by-plan', { ...subject, personProperties: { plan: 'free' } }, definitions).reason).toEqual({
      kind: 'no-condition-match',
    })
  })

  it('parses JSON payloads and keeps other text raw', () => {
    expect(evaluateFlag('on', subject, definitions).payload).toEqual({ a: 1 })
    expect(evaluateFlag('raw-payload', subject, definitions).payload).toBe('not json')
  })

  it('evaluates every flag', () => {
    const all = evaluateAllFlags(subject, definitions)
    expect(Object.keys(all).sort()).toEqual(definitions.flags.map((f) => f.key).sort())
    expect(all['on']?.value).toBe(true)
  })
})

describe('malformed definitions', () => {
  const malformed = [
    { key: 'no-filters', active: true },
    { key: 'groups-not-list', active: true, filters: { groups: 7 } },
    { key: 'null-condition', active: true, filters: { groups: [null] } },
    { key: 'null-filter', active: true, filters: { groups: [{ properties: [null] }] } },
    { key: 'variants-not-list', active: true, filters: { groups: [{}], multivariate: { variants: 3 } } },
    { key: 'cohort-garbage', active: true, filters: { groups: [{ properties: [{ type: 'cohort', value: 1 }] }] } },
  ]
  const payload = { flags: [...malformed, null, 42], cohorts: { '1': { type: 'AND', values: [5] } } } as unknown as FlagDefinitions

  it.each(malformed.map((f) => f.key))('%s does not throw', (key) => {
    const evaluation = evaluateFlag(key, { distinctId: 'u' }, payload)
    expect(evaluation.key).toBe(key)
    if (evaluation.value === undefined) expect(evaluation.reason.kind).toBe('inconclusive')
  })

  it('garbage payloads do not throw', () => {
    for (const garbage of [null, {}, { flags: 'x' }, { flags: [{}] }]) {
      expect(evaluateFlag('x', { distinctId: 'u' }, garbage as unknown as FlagDefinitions).value).toBeUndefined()
    }
  })
})
