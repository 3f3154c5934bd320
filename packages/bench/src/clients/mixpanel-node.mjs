/**
 * mixpanel 0.24 (the official package): import_batch, its batched call (50 events per request, form-encoded
 * base64), one call per 500 events, with the API secret. The sink is plain http and the package sends a
 * secret only over https, so the bench uses its `/track` batch (track_batch), which needs no secret.
 */
import { runOfficialClient } from '../lib/official-client.mjs'
import { drive } from '../lib/workload.mjs'

await runOfficialClient('mixpanel', 'init', async ({ mod, events, sinkUrl, failures }) => {
  const url = new URL(sinkUrl)
  const client = mod.init('wk_bench', { host: url.hostname, port: url.port, protocol: 'http', path: '/mixpanel' })
  const pending = []
  let buffer = []
  const send = (batch) =>
    new Promise((resolve) =>
      client.track_batch(batch, (errors) => {
        if (errors) for (const error of errors) failures.add('error', error)
        resolve()
      }),
    )
  let i = 0
  await drive(events, ({ userId, event, properties }) => {
    buffer.push({ event, properties: { ...properties, distinct_id: userId, time: Date.now(), $insert_id: `bench${i++}` } })
    if (buffer.length === 500) {
      pending.push(send(buffer))
      buffer = []
    }
  })
  if (buffer.length > 0) pending.push(send(buffer))
  await Promise.all(pending)
})
