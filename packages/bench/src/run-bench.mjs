#!/usr/bin/env node
/**
 * `pnpm bench`: Polytrack against the official SDKs and a no-SDK floor, each client in its own
 * process, the sink in another. Then flag evaluation, track() latency, RSS flatness and a CPU
 * profile. Prints progress and a table; rewrites docs/benchmarks.md and docs/benchmarks.svg.
 * Options: see lib/args.mjs (`--quick`, `--events N`, `--runs R`, `--memory`, ...).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from './lib/args.mjs'
import { CLIENTS } from './lib/clients.mjs'
import { machineInfo, versions } from './lib/machine.mjs'
import { runChild } from './lib/run-child.mjs'
import { startSinkProcess } from './lib/sink-process.mjs'
import { summarizeClient } from './report/summarize.mjs'
import { formatTable } from './report/table.mjs'
import { evaluateTargets, formatTargets } from './report/targets.mjs'
import { writeDoc } from './report/write-doc.mjs'
import { runProfile } from './modes/profile.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const benchDir = join(here, '..')
const repoRoot = join(benchDir, '..', '..')
const log = (line) => process.stdout.write(`${line}\n`)

const args = parseArgs(process.argv.slice(2))
if (args.help) {
  log('usage: node src/run-bench.mjs [--quick] [--events N] [--runs R] [--memory] [--memory-events N] [--skip-memory|--skip-flags|--skip-latency|--skip-spool|--skip-profile] [--clients a,b] [--no-doc]')
  process.exit(0)
}
const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`
const machine = machineInfo()
log(`polytrack bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb.toFixed(1)} GB, Node ${machine.node}, load ${machine.loadAtStart.join(' ')}`)

const sink = await startSinkProcess()
log(`sink ${sink.url} (pid ${sink.pid})`)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the sink`)
    sink.stop().finally(() => process.exit(130))
  })
}
const results = { args: { ...args, skip: [...args.skip] }, machine, versions: versions(), startedAt: new Date().toISOString() }

try {
  const wants = (mode) => (args.only ? args.only === mode : !args.skip.has(mode))
  if (!args.only) {
    results.throughput = await runThroughput()
    log('')
    log(formatTable(results.throughput, args.events))
  }
  if (wants('flags')) results.flags = await runMode('flags', 'modes/flags.mjs', { BENCH_FLAG_SECONDS: String(args.flagSeconds) }, 120_000)
  if (wants('latency')) results.latency = await runMode('latency', 'modes/latency.mjs', { BENCH_EVENTS: String(Math.max(args.events, 50_000)) }, 180_000)
  if (wants('spool')) results.spool = await runMode('spool', 'modes/spool.mjs', { BENCH_EVENTS: String(Math.min(args.events, 50_000)) }, 600_000)
  if (wants('memory')) results.memory = await runMode('memory', 'modes/memory.mjs', { BENCH_EVENTS: String(args.memoryEvents) }, 600_000)
  if (wants('profile')) {
    log(`[${elapsed()}] profile: polytrack-segment under node --cpu-prof, ${args.events} events`)
    await sink.reset()
    results.profile = await runProfile({ benchDir, sinkUrl: sink.url, events: args.events })
    if (results.profile.error) log(`  profile failed: ${results.profile.error}`)
  }
} finally {
  await sink.stop()
}

results.finishedAt = new Date().toISOString()
results.machine.loadAtEnd = loadavg().map((x) => +x.toFixed(2))
results.durationS = (Date.now() - started) / 1000
results.targets = evaluateTargets(results)
log('')
log(formatTargets(results.targets))
mkdirSync(join(benchDir, 'results'), { recursive: true })
writeFileSync(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
if (args.doc && !args.only) {
  const files = writeDoc(results, repoRoot)
  log(`wrote ${files.join(', ')}`)
} else {
  log('docs not rewritten (--no-doc or a single mode); raw results in packages/bench/results/latest.json')
}
log(`done in ${elapsed()}`)

async function runThroughput() {
  const clients = args.clients ? CLIENTS.filter((c) => args.clients.includes(c.name)) : CLIENTS
  const runs = Object.fromEntries(clients.map((c) => [c.name, []]))
  const unavailable = new Set()
  const timeoutMs = Math.max(60_000, args.events * 1.2)
  for (let run = 1; run <= args.runs; run++) {
    for (const client of clients) {
      if (unavailable.has(client.name)) continue
      await sink.reset()
      const result = await runChild(join(here, 'clients', client.script), {
        env: { BENCH_EVENTS: String(args.events), BENCH_SINK_URL: sink.url },
        timeoutMs,
      })
      const stats = await sink.stats()
      const counted = client.vendors.map((v) => stats[v] ?? { requests: 0, received: 0, duplicates: 0, rejected: 0 })
      const sinkCounts = {
        requests: counted.reduce((a, s) => a + s.requests, 0),
        received: counted.reduce((a, s) => a + s.received, 0),
        duplicates: counted.reduce((a, s) => a + s.duplicates, 0),
        rejected: counted.reduce((a, s) => a + s.rejected, 0),
        byVendor: Object.fromEntries(client.vendors.map((v, i) => [v, counted[i].received])),
      }
      const entry = { run, ...result, sink: sinkCounts, expected: args.events * client.vendors.length, load1: +loadavg()[0].toFixed(2) }
      runs[client.name].push(entry)
      if (result.unavailable) {
        unavailable.add(client.name)
        log(`[${elapsed()}] ${client.name}: unavailable (${result.reason})`)
        continue
      }
      const status = result.ok ? '' : `  FAILED: ${result.crashed}`
      const fails = result.failures && Object.keys(result.failures).length ? `  failures ${JSON.stringify(result.failures)}` : ''
      log(
        `[${elapsed()}] run ${run}/${args.runs} ${client.name.padEnd(31)} ` +
          (result.ok ? `wall ${(result.wallMs / 1000).toFixed(2)}s cpu ${(result.cpuMs / 1000).toFixed(2)}s rss ${result.maxRssMb.toFixed(0)}MB ` : '') +
          `received ${sinkCounts.received}/${entry.expected} in ${sinkCounts.requests} req${status}${fails}`,
      )
    }
  }
  return clients.map((client) => summarizeClient(client, runs[client.name], args.events))
}

async function runMode(name, script, env, timeoutMs) {
  log(`[${elapsed()}] ${name} …`)
  await sink.reset()
  const result = await runChild(join(here, script), { env: { BENCH_SINK_URL: sink.url, ...env }, timeoutMs })
  if (!result.ok) log(`  ${name}: ${result.unavailable ? `unavailable (${result.reason})` : `failed (${result.crashed})`}`)
  else log(`  ${name}: ${summaryLine(name, result)}`)
  return result
}

function summaryLine(name, r) {
  const n = (x, d = 0) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: d }) : 'n/a')
  if (name === 'flags') {
    return `polytrack ${n(r.polytrack?.opsPerSec)}/s, posthog-node ${n(r.posthogNode?.opsPerSec)}/s, sha1 ${n(r.sha1?.opsPerSec)}/s, mismatches ${r.agreement?.mismatches ?? 'n/a'}`
  }
  if (name === 'spool') return (r.rows ?? []).map((row) => `${row.name}: ${n(row.trackCpuUs, 1)} µs CPU/track, ${n(row.messagesPerSec)} msg/s`).join('; ')
  if (name === 'latency') return `p50 ${n(r.p50, 2)} µs, p99 ${n(r.p99, 2)} µs, p99.9 ${n(r.p999, 1)} µs (baseline p99 ${n(r.baseline?.p99, 2)} µs)`
  return `RSS start ${n(r.startMb)} MB, at 10% ${n(r.at10Mb)} MB, peak ${n(r.peakMb)} MB, end ${n(r.endMb)} MB; delivered ${n(r.report?.delivered)}, dropped ${n(r.report?.dropped)}`
}
