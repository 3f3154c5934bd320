/** Polytrack with the hightouch adapter, pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/hightouch', 'hightouch']],
  makeDestination: ([fn], url) => fn({ writeKey: KEYS.writeKey, host: `${url}/hightouch` }),
})
