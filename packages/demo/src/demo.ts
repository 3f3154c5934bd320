import { Analytics } from '@polytrack/core'
import { rudderstack } from '@polytrack/rudderstack'
import { startSink } from '@polytrack/sink'
import { runShopScenario } from './scenario.js'

const USERS = Number(process.env.DEMO_USERS ?? 500)

async function main(): Promise<number> {
  const sink = await startSink()
  console.log(`Local vendor sink listening on ${sink.url}`)
  const analytics = new Analytics({
    destination: rudderstack({ writeKey: 'demo-write-key', dataPlaneUrl: sink.urlFor('rudderstack') }),
    flushAt: 100,
    flushInterval: 200,
  })
  let requests = 0
  analytics.on('request', () => requests++)
  analytics.on('error', ({ error }) => console.error(`delivery error: ${error.message}`))

  const started = performance.now()
  const sent = runShopScenario(analytics, USERS)
  const report = await analytics.close({ timeout: 30_000 })
  const seconds = (performance.now() - started) / 1000

  const received = sink.stats().byVendor.rudderstack?.byType ?? {}
  console.log(`\nSent ${Object.values(sent).reduce((a, b) => a + b, 0)} messages for ${USERS} simulated users through @polytrack/rudderstack in ${seconds.toFixed(2)} s (${requests} requests).\n`)
  console.table(
    Object.entries(sent).map(([type, count]) => ({ type, sent: count, received: received[type] ?? 0 })),
  )
  console.log(`Delivery report: ${JSON.stringify({ delivered: report.delivered, failed: report.failed, dropped: report.dropped, pending: report.pending })}`)
  const stats = sink.stats().byVendor.rudderstack
  const allArrived =
    Object.entries(sent).every(([type, count]) => received[type] === count) &&
    report.failed + report.dropped + report.pending === 0 &&
    stats?.duplicates === 0
  await sink.close()
  console.log(allArrived ? '\nEvery message arrived exactly once.' : '\nSome messages did not arrive (or arrived twice).')
  return allArrived ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
