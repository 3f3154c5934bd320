/**
 * One throughput table: every client in its own child process, `runs` times, interleaved (run 1 of
 * every client, then run 2 …), with the workload offered at `rate` events/s (BENCH_RATE; 0 = flat
 * out). The sink is reset before each child and its counts for the client's vendor route(s) are
 * attached to the run. `title` heads the progress, `label` starts each progress line. Returns one
 * summarized row per client (report/summarize.mjs), with its `rate`.
 */
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { summarizeClient } from '../report/summarize.mjs'
import { rateText } from './args.mjs'
import { runChild } from './run-child.mjs'

const ZERO = { requests: 0, received: 0, duplicates: 0, rejected: 0 }

/**
 * @param {{ clients: object[], events: number, runs: number, rate: number, title: string, label: string,
 *   clientsDir: string, sink: { url: string, reset(): Promise<unknown>, stats(): Promise<object> },
 *   log: (line: string) => void, elapsed: () => string }} options
 */
export async function runThroughput({ clients, events, runs: runCount, rate, title, label, clientsDir, sink, log, elapsed }) {
  const runs = Object.fromEntries(clients.map((c) => [c.name, []]))
  const unavailable = new Set()
  const timeoutMs = Math.max(60_000, events * 1.2 + (rate > 0 ? (events / rate) * 1000 : 0))
  log(`${title}: ${events.toLocaleString('en-US')} events per client, ${rateText(rate)}, ${runCount} run(s)`)
  for (let run = 1; run <= runCount; run++) {
    for (const client of clients) {
      if (unavailable.has(client.name)) continue
      await sink.reset()
      const result = await runChild(join(clientsDir, client.script), {
        env: { ...client.env, BENCH_EVENTS: String(events), BENCH_SINK_URL: sink.url, BENCH_RATE: String(rate) },
        timeoutMs,
      })
      const stats = await sink.stats()
      const counted = client.vendors.map((v) => stats[v] ?? ZERO)
      const sum = (key) => counted.reduce((a, s) => a + s[key], 0)
      const sinkCounts = {
        requests: sum('requests'),
        received: sum('received'),
        duplicates: sum('duplicates'),
        rejected: sum('rejected'),
        byVendor: Object.fromEntries(client.vendors.map((v, i) => [v, counted[i].received])),
      }
      const entry = { run, rate, ...result, sink: sinkCounts, expected: events * client.vendors.length, load1: +loadavg()[0].toFixed(2) }
      runs[client.name].push(entry)
      if (result.unavailable) {
        unavailable.add(client.name)
        log(`[${elapsed()}] ${client.name}: unavailable (${result.reason})`)
        continue
      }
      const status = result.ok ? '' : `  FAILED: ${result.crashed}`
      const fails = result.failures && Object.keys(result.failures).length ? `  failures ${JSON.stringify(result.failures)}` : ''
      log(
        `[${elapsed()}] ${label} ${run}/${runCount} @ ${rateText(rate)} ${client.name.padEnd(31)} ` +
          (result.ok
            ? `wall ${(result.wallMs / 1000).toFixed(2)}s cpu ${(result.cpuMs / 1000).toFixed(2)}s rss ${result.maxRssMb.toFixed(0)}MB `
            : '') +
          `received ${sinkCounts.received}/${entry.expected} in ${sinkCounts.requests} req${status}${fails}`,
      )
    }
  }
  return clients.map((client) => ({ ...summarizeClient(client, runs[client.name], events), rate }))
}
