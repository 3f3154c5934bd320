/**
 * The clients of the throughput tables: script, vendors counted at the sink, kind. The `baseline`
 * kind (workload only) sends nothing; targets never pick it as floor, single or official.
 */
export const CLIENTS = [
  { name: 'workload only', script: 'workload-only.mjs', vendors: [], kind: 'baseline', note: "builds the floor's messages, sends nothing" },
  { name: 'floor', script: 'floor.mjs', vendors: ['segment'], kind: 'floor', note: 'no SDK; undici keep-alive; plain JSON' },
  { name: 'polytrack-segment', script: 'polytrack-segment.mjs', vendors: ['segment'], kind: 'polytrack', note: 'plain JSON' },
  { name: 'polytrack-hightouch', script: 'polytrack-hightouch.mjs', vendors: ['hightouch'], kind: 'polytrack', note: 'plain JSON' },
  { name: 'polytrack-customerio', script: 'polytrack-customerio.mjs', vendors: ['customerio'], kind: 'polytrack', note: 'plain JSON' },
  { name: 'polytrack-rudderstack', script: 'polytrack-rudderstack.mjs', vendors: ['rudderstack'], kind: 'polytrack', note: 'gzip' },
  { name: 'polytrack-posthog', script: 'polytrack-posthog.mjs', vendors: ['posthog'], kind: 'polytrack', note: 'gzip' },
  { name: 'polytrack-amplitude', script: 'polytrack-amplitude.mjs', vendors: ['amplitude'], kind: 'polytrack', note: 'plain JSON' },
  { name: 'polytrack-mixpanel', script: 'polytrack-mixpanel.mjs', vendors: ['mixpanel'], kind: 'polytrack', note: 'plain JSON, /import' },
  {
    name: 'polytrack-multiplex-4',
    script: 'polytrack-multiplex-4.mjs',
    vendors: ['posthog', 'rudderstack', 'hightouch', 'customerio'],
    kind: 'multiplex',
    note: '4 vendors, 2 gzip',
  },
  { name: '@amplitude/analytics-node', script: 'amplitude-analytics-node.mjs', vendors: ['amplitude'], kind: 'official', pkg: '@amplitude/analytics-node', note: 'plain JSON' },
  { name: 'mixpanel', script: 'mixpanel-node.mjs', vendors: ['mixpanel'], kind: 'official', pkg: 'mixpanel', note: 'form-encoded base64, /track' },
  { name: 'posthog-node', script: 'posthog-node.mjs', vendors: ['posthog'], kind: 'official', pkg: 'posthog-node', note: 'gzip' },
  { name: '@segment/analytics-node', script: 'segment-analytics-node.mjs', vendors: ['segment'], kind: 'official', pkg: '@segment/analytics-node', note: 'plain JSON' },
  {
    name: '@customerio/cdp-analytics-node',
    script: 'customerio-cdp-analytics-node.mjs',
    vendors: ['customerio'],
    kind: 'official',
    pkg: '@customerio/cdp-analytics-node',
    note: 'plain JSON',
  },
  {
    name: '@rudderstack/rudder-sdk-node',
    script: 'rudder-sdk-node.mjs',
    vendors: ['rudderstack'],
    kind: 'official',
    pkg: '@rudderstack/rudder-sdk-node',
    note: 'gzip',
  },
]
