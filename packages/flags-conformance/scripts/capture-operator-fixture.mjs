// Captures posthog-node 5.70's answers (offline, onlyEvaluateLocally) for a table of property
// operator cases into the core fixture `operator-cases.json`. The evaluator's unit test replays
// each case with `now` = the capture time. Run: node scripts/capture-operator-fixture.mjs
import { writeFileSync } from 'node:fs'
import { startOracle } from '../src/posthog-oracle.mjs'

const DAY = 86_400_000
const capturedAt = Date.now()
const daysAgo = (n) => new Date(capturedAt - n * DAY).toISOString()

const values = [
  'abc',
  'ABC',
  'Hello World',
  '',
  'true',
  'False',
  '1.2.3',
  'v2.0.0-beta',
  '0.9',
  '10',
  9,
  10,
  1.5,
  -3,
  0,
  true,
  false,
  null,
  ['a', 'b'],
  { a: 1 },
  daysAgo(3),
  daysAgo(400),
  'not a date',
  'café',
  'a\rb',
  'aaab',
  'x-y.z',
]
const operatorValues = {
  exact: ['abc', ['abc', 'x'], 'true', true, 10, 1.5, 'null', [], ['true', 'false']],
  is_not: ['abc', ['abc', 'x'], true, 1.5],
  is_set: ['is_set'],
  is_not_set: ['is_not_set'],
  icontains: ['b', 'WORLD', 'é', '1'],
  not_icontains: ['b', 'x'],
  starts_with: ['a', 'HE', 'v'],
  not_starts_with: ['a'],
  ends_with: ['c', '3'],
  not_ends_with: ['c'],
  regex: ['^a', 'b+c?', '\\d+', '^(a+)+$', '(?=a)', '\\bw', '[a-', '', 'a{2000}', '[\\s]', '\\S', '[^a-z]', 'é', '(a|b)*c', 'x\\-y\\.z'],
  not_regex: ['^a', '[a-', '\\d'],
  gt: [5, '5', 'abc', 1.4],
  gte: [10, '10'],
  lt: [0, 'b'],
  lte: [-3, '1.2.3'],
  is_date_before: ['-7d', '-1y', '-2m', '-3w', '-12h', daysAgo(100), 'garbage', true, '-20000d'],
  is_date_after: ['-7d', '-1y', daysAgo(100)],
  semver_eq: ['1.2.3', 'v1.2', 'bad'],
  semver_neq: ['1.2.3'],
  semver_gt: ['1.0.0', '01.2'],
  semver_gte: ['1.2.3'],
  semver_lt: ['2.0.0'],
  semver_lte: ['0.9'],
  semver_tilde: ['1.2.0'],
  semver_caret: ['1.0.0', '0.9.0', '0.0.9'],
  semver_wildcard: ['1.*', '1.2.*', '*', 'x.1'],
  no_such_operator: ['x'],
}

const flags = []
const cases = []
for (const [operator, filterValues] of Object.entries(operatorValues)) {
  filterValues.forEach((filterValue, i) => {
    const key = `op-${operator}-${i}`
    flags.push({
      key,
      active: true,
      filters: { groups: [{ properties: [{ key: 'p', type: 'person', operator, value: filterValue }], rollout_percentage: 100 }] },
    })
    for (const personValue of values) cases.push({ key, operator, filterValue, personValue })
    cases.push({ key, operator, filterValue, personValue: undefined, missing: true })
  })
}
const definitions = { flags, group_type_mapping: {}, cohorts: {} }
const warn = console.warn
console.warn = () => {}
const oracle = await startOracle(definitions)
for (const c of cases) {
  const { value } = await oracle.evaluate(c.key, { distinctId: 'person-1', personProperties: c.missing ? {} : { p: c.personValue } })
  c.expected = value === undefined ? 'undefined' : value
}
console.warn = warn
await oracle.shutdown()
const target = new URL('../../core/src/flags/fixtures/operator-cases.json', import.meta.url)
const fixture = {
  generatedBy: 'posthog-node@5.70.0 (onlyEvaluateLocally)',
  capturedAt: new Date(capturedAt).toISOString(),
  definitions,
  cases,
}
writeFileSync(target, JSON.stringify(fixture) + '\n')
const tally = {}
for (const c of cases) tally[String(c.expected)] = (tally[String(c.expected)] ?? 0) + 1
console.log(cases.length, 'cases', tally)
