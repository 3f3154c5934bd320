/** Polytrack with the segment adapter, pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/segment', 'segment']],
  makeDestination: ([fn], url) => fn({ writeKey: KEYS.writeKey, host: `${url}/segment` }),
})
