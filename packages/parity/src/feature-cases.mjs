// Vendor SDK features beyond the six plain calls, each written twice: how the official SDK's user
// does it (`official`, run by capture-features.mjs against the sink) and the Polytrack equivalent
// (`polytrack`), which the adapter must put on the wire identically (fixtures/<vendor>-features.json,
// checked by <vendor>-features.parity.test.ts in the adapter's package).

/** Definitions served to both clients for local evaluation (sendFeatureFlags). */
export const FEATURE_FLAG_DEFINITIONS = {
  flags: [
    { id: 1, key: 'beta', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
    {
      id: 2,
      key: 'checkout-copy',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: 100, variant: 'short' }],
        multivariate: {
          variants: [
            { key: 'short', rollout_percentage: 50 },
            { key: 'long', rollout_percentage: 50 },
          ],
        },
      },
    },
    { id: 3, key: 'paused', active: false, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
    {
      id: 4,
      key: 'pro-only',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', value: ['pro'], operator: 'exact', type: 'person' }], rollout_percentage: 100 }] },
    },
    {
      id: 5,
      key: 'company-rollout',
      active: true,
      filters: { aggregation_group_type_index: 0, groups: [{ properties: [], rollout_percentage: 100 }] },
    },
  ],
  group_type_mapping: { 0: 'company' },
  cohorts: {},
}

const AT = new Date('2024-03-01T10:00:00.000Z')

/**
 * Each case: `name`; `client`, the posthog-node constructor options beyond host and flushing;
 * `official(client)`, the posthog-node call; `polytrack`, the posthog() options and the Polytrack call.
 */
export const POSTHOG_FEATURE_CASES = [
  {
    name: 'historical-migration',
    client: { historicalMigration: true },
    official: (ph) => ph.capture({ distinctId: 'u1', event: 'Order Backfilled', properties: { total: 5 }, timestamp: AT }),
    polytrack: {
      options: { historicalMigration: true },
      call: 'track',
      params: { userId: 'u1', event: 'Order Backfilled', properties: { total: 5 }, timestamp: AT },
    },
  },
  {
    name: 'group-identify-without-user',
    client: {},
    official: (ph) => ph.groupIdentify({ groupType: 'company', groupKey: 'acme', properties: { name: 'Acme', employees: 50 } }),
    polytrack: { options: {}, call: 'group', params: { groupId: 'acme', traits: { name: 'Acme', employees: 50 } } },
  },
  {
    name: 'group-identify-without-user-other-type',
    client: {},
    official: (ph) => ph.groupIdentify({ groupType: 'team', groupKey: 'core', properties: { size: 5 } }),
    polytrack: {
      options: {},
      call: 'group',
      params: { groupId: 'core', traits: { size: 5 }, integrations: { PostHog: { groupType: 'team' } } },
    },
  },
  {
    name: 'capture-with-groups',
    client: {},
    official: (ph) =>
      ph.capture({ distinctId: 'u1', event: 'Report Exported', properties: { format: 'csv' }, groups: { company: 'acme', team: 'core' } }),
    polytrack: {
      options: {},
      call: 'track',
      params: {
        userId: 'u1',
        event: 'Report Exported',
        properties: { format: 'csv' },
        integrations: { PostHog: { groups: { company: 'acme', team: 'core' } } },
      },
    },
  },
  {
    name: 'pageview-with-groups',
    client: {},
    official: (ph) =>
      ph.capture({
        distinctId: 'u1',
        event: '$pageview',
        properties: {
          $current_url: 'https://example.com/pricing',
          $host: 'example.com',
          $pathname: '/pricing',
          url: 'https://example.com/pricing',
        },
        groups: { company: 'acme' },
      }),
    polytrack: {
      options: {},
      call: 'page',
      params: {
        userId: 'u1',
        properties: { url: 'https://example.com/pricing' },
        integrations: { PostHog: { groups: { company: 'acme' } } },
      },
    },
  },
  {
    name: 'send-feature-flags',
    client: { personalApiKey: 'phx_parity_personal_key' },
    official: (ph) => ph.capture({ distinctId: 'u1', event: 'Checkout Started', properties: { total: 9.99 }, sendFeatureFlags: true }),
    polytrack: {
      options: { personalApiKey: 'phx_parity_personal_key', sendFeatureFlags: true },
      call: 'track',
      params: { userId: 'u1', event: 'Checkout Started', properties: { total: 9.99 } },
    },
  },
  {
    name: 'send-feature-flags-per-call',
    client: { personalApiKey: 'phx_parity_personal_key' },
    official: (ph) => ph.capture({ distinctId: 'u2', event: 'Checkout Started', properties: {}, sendFeatureFlags: true }),
    polytrack: {
      options: { personalApiKey: 'phx_parity_personal_key' },
      call: 'track',
      params: { userId: 'u2', event: 'Checkout Started', integrations: { PostHog: { sendFeatureFlags: true } } },
    },
  },
  {
    name: 'send-feature-flags-with-groups',
    client: { personalApiKey: 'phx_parity_personal_key' },
    official: (ph) =>
      ph.capture({
        distinctId: 'u1',
        event: 'Invoice Paid',
        properties: { amount: 120 },
        groups: { company: 'acme' },
        sendFeatureFlags: true,
      }),
    polytrack: {
      options: { personalApiKey: 'phx_parity_personal_key', sendFeatureFlags: true },
      call: 'track',
      params: {
        userId: 'u1',
        event: 'Invoice Paid',
        properties: { amount: 120 },
        integrations: { PostHog: { groups: { company: 'acme' } } },
      },
    },
  },
]

/**
 * RudderStack: what rudder-sdk-node sends that the Segment spec does not have — an alias's
 * `traits`, and an explicit empty `properties`/`traits` (the SDK sends what the caller gave).
 * `official` takes the SDK's client; `polytrack` is the call (no adapter options).
 */
export const RUDDERSTACK_FEATURE_CASES = [
  {
    name: 'alias-with-traits',
    official: (rs) => rs.alias({ userId: 'u1', previousId: 'anon-1', traits: { plan: 'pro', seats: 3 } }),
    polytrack: { call: 'alias', params: { userId: 'u1', previousId: 'anon-1', traits: { plan: 'pro', seats: 3 } } },
  },
  {
    name: 'track-with-explicit-empty-properties',
    official: (rs) => rs.track({ userId: 'u1', event: 'Logged In', properties: {} }),
    polytrack: { call: 'track', params: { userId: 'u1', event: 'Logged In', properties: {} } },
  },
  {
    name: 'track-without-properties',
    official: (rs) => rs.track({ userId: 'u1', event: 'Logged Out' }),
    polytrack: { call: 'track', params: { userId: 'u1', event: 'Logged Out' } },
  },
  {
    name: 'identify-with-explicit-empty-traits',
    official: (rs) => rs.identify({ userId: 'u1', traits: {} }),
    polytrack: { call: 'identify', params: { userId: 'u1', traits: {} } },
  },
]
