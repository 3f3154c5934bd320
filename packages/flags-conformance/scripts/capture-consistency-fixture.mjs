// Captures PostHog's consistency lists (simple-flag 45 %, multivariate-flag 55 %) for
// distinct_id_0..999 from posthog-node 5.70 run offline, into the core fixture the evaluator's
// unit tests compare with id by id. Run: node scripts/capture-consistency-fixture.mjs
import { writeFileSync } from 'node:fs'
import { PostHog } from 'posthog-node'

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

const body = JSON.stringify(definitions)
const client = new PostHog('phc_fixture', {
  host: 'http://127.0.0.1:9',
  personalApiKey: 'phx_fixture',
  featureFlagsPollingInterval: null,
  sendFeatureFlagEvent: false,
  fetch: async (url) => {
    if (!url.includes('/flags/definitions')) throw new Error(`unexpected request ${url}`)
    return { status: 200, headers: { get: () => null }, json: async () => JSON.parse(body), text: async () => body }
  },
})
await client.waitForLocalEvaluationReady(5000)
const result = { generatedBy: 'posthog-node@5.70.0 (onlyEvaluateLocally)', definitions, simpleFlag: [], multivariateFlag: [] }
for (let i = 0; i < 1000; i++) {
  const id = `distinct_id_${i}`
  const opts = { onlyEvaluateLocally: true, sendFeatureFlagEvents: false }
  const simple = await client.getFeatureFlagResult('simple-flag', id, opts)
  const multi = await client.getFeatureFlagResult('multivariate-flag', id, opts)
  result.simpleFlag.push(simple.enabled === false ? false : (simple.variant ?? true))
  result.multivariateFlag.push(multi.enabled === false ? false : (multi.variant ?? true))
}
await client.shutdown(1000)
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
