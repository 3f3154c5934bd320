/**
 * The flag definitions (PostHog local-evaluation payload) and persons the flags benchmark
 * evaluates. A realistic mix: a plain rollout, property targeting with a rollout, a multivariate
 * experiment, several conditions, an inactive flag.
 */
export const DEFINITIONS = {
  flags: [
    { id: 1, key: 'new-checkout', active: true, filters: { groups: [{ properties: [], rollout_percentage: 50 }] } },
    {
      id: 2,
      key: 'pro-dashboard',
      active: true,
      filters: {
        groups: [
          { properties: [{ key: 'plan', type: 'person', value: ['pro', 'enterprise'], operator: 'exact' }], rollout_percentage: 80 },
        ],
      },
    },
    {
      id: 3,
      key: 'pricing-experiment',
      active: true,
      filters: {
        groups: [{ properties: [{ key: 'country', type: 'person', value: 'FR', operator: 'is_not' }], rollout_percentage: 100 }],
        multivariate: {
          variants: [
            { key: 'control', rollout_percentage: 50 },
            { key: 'cheaper', rollout_percentage: 25 },
            { key: 'annual-first', rollout_percentage: 25 },
          ],
        },
      },
    },
    {
      id: 4,
      key: 'beta-search',
      active: true,
      filters: {
        groups: [
          { properties: [{ key: 'email', type: 'person', value: '@acme.com', operator: 'icontains' }], rollout_percentage: 100 },
          { properties: [{ key: 'age', type: 'person', value: 30, operator: 'gt' }], rollout_percentage: 30 },
        ],
      },
    },
    { id: 5, key: 'old-banner', active: false, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
  ],
  group_type_mapping: {},
  cohorts: {},
}

export const FLAG_KEYS = DEFINITIONS.flags.map((f) => f.key)

const PLANS = ['free', 'pro', 'team', 'enterprise']
const COUNTRIES = ['FR', 'DE', 'US', 'JP', 'BR']

/** `count` persons with every property the definitions filter on (so every answer is decidable). */
export function makePersons(count) {
  return Array.from({ length: count }, (_, i) => ({
    distinctId: `user_${i}`,
    personProperties: {
      plan: PLANS[i % PLANS.length],
      country: COUNTRIES[i % COUNTRIES.length],
      email: i % 4 === 0 ? `p${i}@acme.com` : `p${i}@example.org`,
      age: 18 + (i % 50),
    },
  }))
}
