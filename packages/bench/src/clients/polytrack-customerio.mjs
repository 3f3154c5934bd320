/** Polytrack with the customerio adapter, pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/customerio', 'customerio']],
  makeDestination: ([fn], url) => fn({ writeKey: KEYS.writeKey, host: `${url}/customerio` }),
})
