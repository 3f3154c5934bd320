/**
 * Cold start: for each client, BENCH_COLD_RUNS fresh Node processes (interleaved, so a slow phase of
 * the machine does not hit one client only), each timing the import of the client's packages, then
 * creating the client and its first `track` call, then delivering that event to the sink (see
 * cold-start-child.mjs). Medians and min–max. What a serverless function pays on a cold instance.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runChild } from '../lib/run-child.mjs'
import { summarize } from '../lib/stats.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const runs = Number(process.env.BENCH_COLD_RUNS ?? 15)
const clients = [
  'polytrack (core + segment)',
  'polytrack (core + segment), fetch transport',
  'polytrack (core + posthog)',
  'posthog-node',
  '@segment/analytics-node',
]
const samples = Object.fromEntries(clients.map((c) => [c, []]))
const failures = {}
for (let run = 0; run < runs; run++) {
  for (const client of clients) {
    const result = await runChild(join(here, 'cold-start-child.mjs'), { env: { BENCH_COLD_CLIENT: client }, timeoutMs: 60_000 })
    if (result.ok) samples[client].push(result)
    else failures[client] = result.crashed ?? result.reason
  }
}
const rows = clients.map((client) => {
  const list = samples[client]
  if (list.length === 0) return { client, error: failures[client] ?? 'no run succeeded' }
  return {
    client,
    runs: list.length,
    importMs: summarize(list.map((r) => r.importMs)),
    firstTrackMs: summarize(list.map((r) => r.firstTrackMs)),
    coldStartMs: summarize(list.map((r) => r.coldStartMs)),
    flushMs: summarize(list.map((r) => r.flushMs)),
  }
})
process.stdout.write(`\n${JSON.stringify({ ok: true, runs, node: process.version, rows })}\n`)
