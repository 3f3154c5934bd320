// Captures PostHog's consistency lists (simple-flag 45 %, multivariate-flag 55 %) for
// distinct_id_0..999 from posthog-node 5.70 run offline, into the core fixture the evaluator's
// unit tests compare with id by id. Run: node scripts/capture-consistency-fixture.mjs
import { writeFileSync } from 'node:fs'
import { startOracle } from '../src/posthog-oracle.mjs'

const definitions = {
  flags: [
    {
      id: 1,
      key: 'simple-flag',
      active: true,
      filters: { groups: [{ properties: [], rollout_percentage: 45 }] },
    },
    {
      id: 2,
      key: 'multivariate-flag',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: 55 }],
        multivariate: {
          variants: [
            { key: 'first-variant', rollout_percentage: 50 },
            { key: 'second-variant', rollout_percentage: 20 },
            { key: 'third-variant', rollout_percentage: 20 },
            { key: 'fourth-variant', rollout_percentage: 5 },
            { key: 'fifth-variant', rollout_percentage: 5 },
          ],
        },
      },
    },
  ],
  group_type_mapping: {},
  cohorts: {},
}

const oracle = await startOracle(definitions)
const result = { generatedBy: 'posthog-node@5.70.0 (onlyEvaluateLocally)', definitions, simpleFlag: [], multivariateFlag: [] }
for (let i = 0; i < 1000; i++) {
  const subject = { distinctId: `distinct_id_${i}` }
  result.simpleFlag.push((await oracle.evaluate('simple-flag', subject)).value)
  result.multivariateFlag.push((await oracle.evaluate('multivariate-flag', subject)).value)
}
await oracle.shutdown()
const target = new URL('../../core/src/flags/fixtures/posthog-consistency.json', import.meta.url)
writeFileSync(target, JSON.stringify(result, null, 1) + '\n')
const count = (list, v) => list.filter((x) => x === v).length
console.log('simple true', count(result.simpleFlag, true))
console.log(
  'multi',
  ['first-variant', 'second-variant', 'third-variant', 'fourth-variant', 'fifth-variant', false].map((v) =>
    count(result.multivariateFlag, v),
  ),
)
