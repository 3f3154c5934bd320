// A workerd entry with a PostHog client created at module scope with local evaluation
// (personalApiKey): its definitions load cannot happen there (workerd refuses I/O outside a
// request), and docs/runtimes.md says what happens then. POST /flags { ids } answers with the flag
// values for those ids and the client's error events so far.
/* global __SMOKE_POSTHOG_URL__ -- defined by the harness's esbuild `define` */
import { Analytics } from '@polytrack/core'
import { posthog } from '@polytrack/posthog'

const errors = []
// Replaced by the harness when it bundles this file (esbuild `define`): the sink's PostHog URL.
const analytics = new Analytics({
  destination: posthog({
    apiKey: 'phc_module_scope',
    host: __SMOKE_POSTHOG_URL__,
    personalApiKey: 'phx_module_scope',
    sendFeatureFlagEvent: false,
  }),
})
analytics.on('error', ({ error }) => errors.push(error.code))

export default {
  async fetch(request) {
    const { ids } = await request.json()
    const values = []
    for (const id of ids)
      values.push([await analytics.getFeatureFlag('simple-flag', id), await analytics.getFeatureFlag('multivariate-flag', id)])
    return Response.json({ values, errors })
  },
}
