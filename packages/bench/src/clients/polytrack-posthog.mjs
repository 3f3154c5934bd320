/** Polytrack with the posthog adapter, pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/posthog', 'posthog']],
  makeDestination: ([fn], url) => fn({ apiKey: KEYS.apiKey, host: `${url}/posthog` }),
})
