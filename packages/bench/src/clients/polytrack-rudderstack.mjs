/** Polytrack with the rudderstack adapter, pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/rudderstack', 'rudderstack']],
  makeDestination: ([fn], url) => fn({ writeKey: KEYS.writeKey, dataPlaneUrl: `${url}/rudderstack` }),
})
