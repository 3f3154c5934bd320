import { Analytics } from '@polytrack/core'
import { amplitude } from '@polytrack/amplitude'
import { customerio } from '@polytrack/customerio'
import { hightouch } from '@polytrack/hightouch'
import { mixpanel } from '@polytrack/mixpanel'
import { multiplex } from '@polytrack/multiplex'
import { posthog } from '@polytrack/posthog'
import { rudderstack } from '@polytrack/rudderstack'
import { startSink, type VendorName } from '@polytrack/sink'
import { DEMO_FLAG_DEFINITIONS } from './demo-flags.js'
import { LatencyBook } from './latency-book.js'
import { runShopScenario } from './scenario.js'
import { progressBar, renderTable } from './summary-table.js'

const USERS = Number(process.env.DEMO_USERS ?? 2000)
/** Child name in the multiplex → the sink's vendor prefix. */
const VENDORS: Record<string, VendorName> = {
  posthog: 'posthog',
  rudderstack: 'rudderstack',
  hightouch: 'hightouch',
  customerio: 'customerio',
  amplitude: 'amplitude',
  mixpanel: 'mixpanel',
}
/** The multiplex children of each vendor: Mixpanel is three lanes (events, profiles, group profiles). */
const CHILDREN: Record<string, string[]> = { mixpanel: ['mixpanel', 'mixpanel-profiles', 'mixpanel-groups'] }
const childrenOf = (name: string) => CHILDREN[name] ?? [name]

async function main(): Promise<number> {
  const sink = await startSink({ flags: { definitions: DEMO_FLAG_DEFINITIONS } })
  console.log(`Local vendor sink on ${sink.url} (live inspector: ${sink.url}/)`)
  // A bad moment at two vendors, to show retries: the messages still arrive exactly once.
  sink.inject('rudderstack', { status: 503 }, { status: 429, retryAfter: 1 })
  sink.inject('customerio', { drop: true })

  const analytics = new Analytics({
    destination: multiplex([
      posthog({ apiKey: 'phc_demo', host: sink.urlFor('posthog'), personalApiKey: 'phx_demo_personal' }),
      rudderstack({ writeKey: 'demo-rudderstack-key', dataPlaneUrl: sink.urlFor('rudderstack') }),
      hightouch({ writeKey: 'demo-hightouch-key', host: sink.urlFor('hightouch') }),
      customerio({ writeKey: 'demo-customerio-key', host: sink.urlFor('customerio') }),
      amplitude({ apiKey: 'demo-amplitude-key', host: sink.urlFor('amplitude') }),
      mixpanel({ token: 'demo-mixpanel-token', apiSecret: 'demo-mixpanel-secret', host: sink.urlFor('mixpanel') }),
    ]),
    flushAt: 100,
    flushIntervalMs: 200,
    retryBaseDelayMs: 100,
  })
  const latency = new LatencyBook()
  const retries: Record<string, number> = {}
  analytics.on('delivered', ({ destination, messageIds }) => latency.delivered(destination, messageIds))
  analytics.on('retry', ({ destination }) => {
    const vendor = Object.keys(VENDORS).find((name) => childrenOf(name).includes(destination)) ?? destination
    retries[vendor] = (retries[vendor] ?? 0) + 1
  })
  analytics.on('error', ({ error }) => console.error(`delivery error: ${error.message}`))
  const started = performance.now()
  const tty = process.stdout.isTTY === true
  let lastPrinted = -1
  const result = await runShopScenario(analytics, USERS, {
    onSent: (messageId) => latency.called(messageId),
    onProgress: (done) => {
      const tenth = Math.floor((done / USERS) * 10)
      if (tty) process.stdout.write(`\r${progressBar(done, USERS)}`)
      else if (tenth !== lastPrinted) {
        lastPrinted = tenth
        console.log(progressBar(done, USERS))
      }
    },
  })
  if (tty) process.stdout.write('\n')
  const report = await analytics.close({ timeoutMs: 30_000 })
  const seconds = (performance.now() - started) / 1000
  const stats = sink.stats()
  await sink.close()

  const sent = Object.values(result.sent).reduce((a, b) => a + b, 0)
  console.log(
    `\n${USERS} simulated users made ${sent} calls (${Object.entries(result.sent)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ')}) in ${seconds.toFixed(2)} s.\n`,
  )
  const rows = Object.entries(VENDORS).map(([name, vendor]) => {
    const received = stats.byVendor[vendor]
    const delivered = childrenOf(name).reduce((sum, child) => sum + (report.byDestination[child]?.delivered ?? 0), 0)
    return [
      name,
      received?.accepted ?? 0,
      delivered,
      received?.requests ?? 0,
      `${((received?.bytes ?? 0) / 1024).toFixed(0)} KiB`,
      retries[name] ?? 0,
      `${latency.percentile(name, 50).toFixed(0)} ms`,
      `${latency.percentile(name, 99).toFixed(0)} ms`,
    ]
  })
  console.log(renderTable(['vendor', 'received', 'delivered', 'requests', 'bytes on wire', 'retries', 'p50 latency', 'p99 latency'], rows))
  console.log('\nFeature flags (evaluated locally from the definitions PostHog serves):')
  for (const [key, answers] of Object.entries(result.flags)) {
    console.log(
      `  ${key}: ${Object.entries(answers)
        .map(([answer, n]) => `${answer} × ${n}`)
        .join(', ')}`,
    )
  }
  // Every vendor got every message exactly once: PostHog also got one $feature_flag_called per (flag, user, value).
  const pipelinesComplete = ['rudderstack', 'hightouch', 'customerio', 'amplitude', 'mixpanel'].every(
    (v) => stats.byVendor[v as VendorName]?.accepted === sent,
  )
  const delivered = (name: string) => childrenOf(name).reduce((sum, child) => sum + (report.byDestination[child]?.delivered ?? 0), 0)
  const exactlyOnce = Object.entries(VENDORS).every(
    ([name, vendor]) => stats.byVendor[vendor]?.accepted === delivered(name) && stats.byVendor[vendor]?.duplicates === 0,
  )
  const nothingLost = report.failed + report.dropped + report.pending === 0
  const ok = pipelinesComplete && exactlyOnce && nothingLost && (stats.byVendor.posthog?.accepted ?? 0) >= sent
  console.log(ok ? '\nEvery message arrived at every vendor exactly once.' : `\nSome messages did not arrive: ${JSON.stringify(report)}`)
  return ok ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
