/**
 * Flag definitions the demo's sink serves at `/flags/definitions`, in PostHog's format: a
 * boolean flag for pro users and a 50/50 experiment for everyone.
 */
export const DEMO_FLAG_DEFINITIONS = {
  flags: [
    {
      id: 1,
      key: 'new-checkout',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', value: ['pro'], operator: 'exact', type: 'person' }], rollout_percentage: 100 }] },
    },
    {
      id: 2,
      key: 'pricing-experiment',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: 100 }],
        multivariate: {
          variants: [
            { key: 'control', rollout_percentage: 50 },
            { key: 'annual-first', rollout_percentage: 50 },
          ],
        },
      },
    },
  ],
  group_type_mapping: {},
  cohorts: {},
}
