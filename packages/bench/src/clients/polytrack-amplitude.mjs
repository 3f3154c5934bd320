/** Polytrack with the amplitude adapter, pointed at the sink. */
import { KEYS, runPolytrack } from './polytrack-runner.mjs'

await runPolytrack({
  packages: [['@polytrack/amplitude', 'amplitude']],
  makeDestination: ([fn], url) => fn({ apiKey: KEYS.apiKey, host: `${url}/amplitude` }),
})
