/**
 * fast-check arbitraries for differential cases: one target flag (plus up to two flags it
 * depends on and up to three cohorts) and a subject, covering every operator, cohorts, group
 * and mixed targeting, dependencies, holdouts, variants, payloads and relative dates.
 */
import fc from 'fast-check'
import type { FlagDefinition, FlagSubject, PropertyGroup } from '@polytrack/core/flags'

/** The fixed clock of every case (a 31st, to exercise month clamping). */
export const NOW = new Date(Date.UTC(2025, 2, 31, 12, 0, 0))
const DAY = 86_400_000
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * DAY).toISOString()

/** Group type mapping shared by all cases (index 7 is deliberately unmapped). */
export const GROUP_TYPE_MAPPING = { '0': 'company', '1': 'project' }

const PROPERTY_KEYS = ['email', 'plan', 'age', 'version', 'seen', '$group_key'] as const

const personValue = fc.oneof(
  fc.constantFrom('a@b.com', 'ABC', 'abc', '', 'true', 'False', '1.2.3', 'v2.0.0', '10', '9.5', 'café', 'a\rb'),
  fc.constantFrom('aaab', 'x-y.z', 'Hello World', '2024-01-01', 'acme', 'ab\nb', 'a\vb', 'null', '01.2.3'),
  fc.constantFrom<unknown>(9, 10, 1.5, -3, 0, true, false, null, ['a', 'b'], { a: 1 }),
  fc.constantFrom(daysAgo(0.5), daysAgo(3), daysAgo(20), daysAgo(45), daysAgo(400), daysAgo(1000)),
  fc.stringMatching(/^[ab1. x\n]{0,5}$/),
)

const REGEX_TOKENS = [
  'a',
  'b',
  '.',
  '*',
  '+',
  '?',
  '|',
  '(',
  ')',
  '(?:',
  '[a-c]',
  '[^b]',
  '\\d',
  '\\s',
  '\\S',
  '\\w',
  '\\W',
  '^',
  '$',
  '{2}',
  '{1,3}',
  'x',
  '\\.',
  '[\\b]',
  '\\v',
  '[\\s-]',
  '\\1',
  '(?=a)',
  '\\bb',
  'é',
  '{',
  ']',
  '[',
  '*?',
]

const regexPattern = fc.oneof(
  fc.constantFrom('^a', 'b+c?', '\\d+', '^(a+)+$', '(?=a)', '[a-', '', '[\\s]', '^[^a-z]+$', '(a|b)*c', 'x\\-y\\.z'),
  fc.array(fc.constantFrom(...REGEX_TOKENS), { minLength: 1, maxLength: 7 }).map((t) => t.join('')),
)

const FILTER_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  exact: fc.constantFrom<unknown>('abc', ['abc', 'x'], 'true', true, false, 10, 1.5, 'null', [], ['true', 'false'], 'a@b.com'),
  is_not: fc.constantFrom<unknown>('abc', ['abc', 'x'], true, 1.5, 'acme'),
  is_set: fc.constant('is_set'),
  is_not_set: fc.constant('is_not_set'),
  icontains: fc.constantFrom('b', 'WORLD', 'é', '1', 'a'),
  not_icontains: fc.constantFrom('b', 'x'),
  starts_with: fc.constantFrom('a', 'HE', 'v'),
  not_starts_with: fc.constant('a'),
  ends_with: fc.constantFrom('c', '3'),
  not_ends_with: fc.constant('c'),
  regex: regexPattern,
  not_regex: regexPattern,
  gt: fc.constantFrom<unknown>(5, '5', 'abc', 1.4),
  gte: fc.constantFrom<unknown>(10, '10'),
  lt: fc.constantFrom<unknown>(0, 'b'),
  lte: fc.constantFrom<unknown>(-3, '1.2.3'),
  is_date_before: fc.constantFrom<unknown>(
    '-7d',
    '-1y',
    '-1m',
    '-2m',
    '-3w',
    '-12h',
    daysAgo(100),
    'garbage',
    true,
    '-20000d',
    '2024-06-01',
  ),
  is_date_after: fc.constantFrom<unknown>('-7d', '-1y', '-1m', daysAgo(100), '-30d'),
  semver_eq: fc.constantFrom('1.2.3', 'v1.2', 'bad'),
  semver_neq: fc.constant('1.2.3'),
  semver_gt: fc.constantFrom('1.0.0', '01.2'),
  semver_gte: fc.constant('1.2.3'),
  semver_lt: fc.constant('2.0.0'),
  semver_lte: fc.constant('0.9'),
  semver_tilde: fc.constant('1.2.0'),
  semver_caret: fc.constantFrom('1.0.0', '0.9.0', '0.0.9'),
  semver_wildcard: fc.constantFrom('1.*', '1.2.*', '*', 'x.1'),
  no_such_operator: fc.constant('x'),
}

const propertyFilter = fc.constantFrom(...Object.keys(FILTER_VALUES), '').chain((operator) =>
  fc.record({
    key: fc.constantFrom(...PROPERTY_KEYS),
    type: fc.constantFrom('person', 'group'),
    operator: fc.constant(operator || undefined),
    value: FILTER_VALUES[operator || 'exact']!,
  }),
)

/** Cohort references use local ids 1–3; 9 is never defined (a static cohort). */
const cohortFilter = fc.record({
  key: fc.constant('id'),
  type: fc.constant('cohort'),
  value: fc.constantFrom<unknown>(1, 2, 3, '1', 9),
  operator: fc.constantFrom('in', 'not_in', undefined),
})

/** `chain` is filled in when the case is assembled; the mode says how to spoil it. */
const dependencyFilter = (deps: readonly string[]) =>
  fc.record({
    key: fc.constantFrom(...deps),
    type: fc.constant('flag'),
    operator: fc.constant('flag_evaluates_to'),
    value: fc.constantFrom<unknown>(true, false, 'control', 'test', 'holdout-7'),
    chainMode: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'missing', 'empty', 'unknown-flag'),
  })

const conditionFilter = (deps: readonly string[]) =>
  deps.length === 0
    ? fc.oneof({ weight: 6, arbitrary: propertyFilter }, { weight: 1, arbitrary: cohortFilter })
    : fc.oneof(
        { weight: 6, arbitrary: propertyFilter },
        { weight: 1, arbitrary: cohortFilter },
        { weight: 2, arbitrary: dependencyFilter(deps) },
      )

const condition = (deps: readonly string[]) =>
  fc.record(
    {
      properties: fc.array(conditionFilter(deps), { maxLength: 3 }),
      rollout_percentage: fc.constantFrom(undefined, null, 0, 30, 45, 100, 66.6),
      variant: fc.constantFrom(undefined, null, 'control', 'test', 'nope'),
      aggregation_group_type_index: fc.constantFrom(undefined, undefined, undefined, undefined, null, 0, 1, 7),
    },
    { requiredKeys: ['properties'] },
  )

const VARIANT_SETS = [
  [
    { key: 'control', rollout_percentage: 50 },
    { key: 'test', rollout_percentage: 50 },
  ],
  [
    { key: 'control', rollout_percentage: 33 },
    { key: 'test', rollout_percentage: 33 },
    { key: 'third', rollout_percentage: 34 },
  ],
  [
    { key: 'control', rollout_percentage: 20 },
    { key: 'test', rollout_percentage: 30 },
  ],
]
const PAYLOAD_SETS: Record<string, string>[] = [
  { true: '{"a":1}', control: '"c"', test: 'not json', 'holdout-7': '[1,2]' },
  { true: '', control: '0', test: 'null' },
  { true: 'false', third: '{"nested":{"x":[1,"y"]}}' },
]

const flagBody = (deps: readonly string[]) =>
  fc.record(
    {
      active: fc.constantFrom(true, true, true, true, true, true, true, true, true, false),
      ensure_experience_continuity: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      bucketing_identifier: fc.constantFrom(undefined, 'distinct_id', 'device_id'),
      filters: fc.record(
        {
          aggregation_group_type_index: fc.constantFrom(undefined, undefined, undefined, undefined, 0, 1, 7),
          groups: fc.array(condition(deps), { maxLength: 3 }),
          multivariate: fc.constantFrom(undefined, ...VARIANT_SETS.map((variants) => ({ variants }))),
          payloads: fc.constantFrom(undefined, ...PAYLOAD_SETS),
          holdout: fc.constantFrom<unknown>(
            undefined,
            undefined,
            undefined,
            { id: 7, exclusion_percentage: 30 },
            { id: 7, exclusion_percentage: 100 },
            { id: 7, exclusion_percentage: null },
          ),
          early_exit: fc.constantFrom(undefined, false, true),
        },
        { requiredKeys: ['groups'] },
      ),
    },
    { requiredKeys: ['active', 'filters'] },
  )

const cohortLeaf = (lowerIds: number[]) =>
  lowerIds.length === 0
    ? propertyFilter.chain((f) => fc.record({ negation: fc.boolean() }).map((n) => ({ ...f, ...n })))
    : fc.oneof(
        propertyFilter.chain((f) => fc.record({ negation: fc.boolean() }).map((n) => ({ ...f, ...n }))),
        fc.record({ key: fc.constant('id'), type: fc.constant('cohort'), value: fc.constantFrom(...lowerIds), negation: fc.boolean() }),
      )

const cohortGroup = (lowerIds: number[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ type: fc.constantFrom('AND', 'OR', 'property'), values: fc.array(cohortLeaf(lowerIds), { maxLength: 3 }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constantFrom('AND', 'OR'),
        values: fc.array(
          fc.record({ type: fc.constantFrom('AND', 'OR', 'XOR'), values: fc.array(cohortLeaf(lowerIds), { minLength: 1, maxLength: 3 }) }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.constant({}) },
  )

const propertyBag = fc.record(
  Object.fromEntries([...PROPERTY_KEYS, '$device_id'].map((k) => [k, personValue])) as Record<string, fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
)

const subject = fc.record(
  {
    distinctId: fc.oneof(fc.constantFrom('user-1', 'user-2', 'user-3', 'distinct_id_7'), fc.string({ maxLength: 8 })),
    personProperties: propertyBag,
    groups: fc.record(
      { company: fc.constantFrom('acme', 'globex', 'initech'), project: fc.constantFrom('p1', 'p2') },
      { requiredKeys: [] },
    ),
    groupProperties: fc.record({ company: propertyBag, project: propertyBag }, { requiredKeys: [] }),
  },
  { requiredKeys: ['distinctId'] },
)

/** A generated case before keys and cohort ids are made unique. */
export interface RawCase {
  flags: { local: string; body: Record<string, unknown> }[]
  cohorts: Record<number, unknown>
  subject: FlagSubject
}

/** Arbitrary of raw cases: dependencies `d0`, `d1` (may depend on `d0`), target `t`. */
export const rawCaseArbitrary: fc.Arbitrary<RawCase> = fc
  .record({
    dependencyCount: fc.constantFrom(0, 0, 1, 2),
    cohortCount: fc.constantFrom(0, 1, 2, 3),
  })
  .chain(({ dependencyCount, cohortCount }) => {
    const locals = ['d0', 'd1'].slice(0, dependencyCount)
    const bodies = [...locals.map((_, i) => flagBody(locals.slice(0, i))), flagBody(locals)]
    const cohorts = Array.from({ length: cohortCount }, (_, i) => cohortGroup(Array.from({ length: i }, (__, j) => j + 1)))
    return fc.record({
      bodies: fc.tuple(...bodies),
      cohorts: fc.tuple(...cohorts),
      subject,
    })
  })
  .map(({ bodies, cohorts, subject: s }) => ({
    flags: bodies.map((body, i) => ({ local: i === bodies.length - 1 ? 't' : `d${i}`, body: body as Record<string, unknown> })),
    cohorts: Object.fromEntries(cohorts.map((c, i) => [i + 1, c])),
    subject: s as FlagSubject,
  }))

/** A case ready to evaluate: globally unique keys and cohort ids. */
export interface ConformanceCase {
  key: string
  flags: FlagDefinition[]
  cohorts: Record<string, PropertyGroup>
  subject: FlagSubject
}

function globalise(
  value: unknown,
  rename: (local: string) => string,
  cohortId: (local: unknown) => unknown,
  chains: Map<string, string[]>,
): unknown {
  if (Array.isArray(value)) return value.map((v) => globalise(v, rename, cohortId, chains))
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  if (record['type'] === 'cohort') return { ...record, value: cohortId(record['value']) }
  if (record['type'] === 'flag') {
    const { chainMode, ...rest } = record
    const key = rename(String(record['key']))
    const chain = chains.get(String(record['key'])) ?? []
    const spoilt =
      chainMode === 'missing'
        ? {}
        : chainMode === 'empty'
          ? { dependency_chain: [] }
          : chainMode === 'unknown-flag'
            ? { dependency_chain: [...chain, `${key}-gone`] }
            : { dependency_chain: chain }
    return { ...rest, key, ...spoilt }
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, globalise(v, rename, cohortId, chains)]))
}

function dependencyKeys(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => dependencyKeys(v, found))
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    if (record['type'] === 'flag') found.add(String(record['key']))
    Object.values(record).forEach((v) => dependencyKeys(v, found))
  }
  return found
}

/** Makes a raw case's flag keys and cohort ids unique to `caseNumber`. */
export function assembleCase(raw: RawCase, caseNumber: number): ConformanceCase {
  const rename = (local: string): string => `c${caseNumber}-${local}`
  const cohortId = (local: unknown): unknown => (typeof local === 'number' ? caseNumber * 10 + local : `${caseNumber * 10 + Number(local)}`)
  // Chains in dependency order: a flag's own dependencies first, then the flag.
  const chains = new Map<string, string[]>()
  for (const { local, body } of raw.flags) {
    const own = [...dependencyKeys(body, new Set())].sort()
    const chain = [...new Set(own.flatMap((d) => chains.get(d) ?? []))]
    chains.set(local, [...chain, rename(local)])
  }
  const cohorts = Object.fromEntries(
    Object.entries(raw.cohorts).map(([id, group]) => [String(cohortId(Number(id))), globalise(group, rename, cohortId, chains)]),
  ) as Record<string, PropertyGroup>
  const flags = raw.flags.map(
    ({ local, body }) => ({ key: rename(local), ...(globalise(body, rename, cohortId, chains) as object) }) as FlagDefinition,
  )
  return { key: rename('t'), flags, cohorts, subject: raw.subject }
}
