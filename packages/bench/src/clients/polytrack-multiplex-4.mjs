/** Polytrack multiplexing every event to PostHog, RudderStack, Hightouch and Customer.io. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [
    ['@polytrack/multiplex', 'multiplex'],
    ['@polytrack/posthog', 'posthog'],
    ['@polytrack/rudderstack', 'rudderstack'],
    ['@polytrack/hightouch', 'hightouch'],
    ['@polytrack/customerio', 'customerio'],
  ],
  makeDestination: ([multiplex, posthog, rudderstack, hightouch, customerio], url) =>
    multiplex([
      posthog({ apiKey: KEYS.apiKey, host: `${url}/posthog` }),
      rudderstack({ writeKey: KEYS.writeKey, dataPlaneUrl: `${url}/rudderstack` }),
      hightouch({ writeKey: KEYS.writeKey, host: `${url}/hightouch` }),
      customerio({ writeKey: KEYS.writeKey, host: `${url}/customerio` }),
    ]),
})
