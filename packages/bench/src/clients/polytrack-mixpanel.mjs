/** Polytrack with the mixpanel adapter (three lanes; the workload's tracks use the events lane), pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/mixpanel', 'mixpanel']],
  makeDestination: ([fn], url) => fn({ token: KEYS.writeKey, apiSecret: KEYS.apiKey, host: `${url}/mixpanel` }),
})
