#!/usr/bin/env node
/**
 * `pnpm bench`: Polytrack against the official SDKs and a no-SDK floor, each client in its own
 * process, the sink in another: a paced table (`--rate`, default 10,000 events/s) and a burst table
 * (flat out). Then flag evaluation, track() latency, RSS flatness and a CPU profile. Prints progress
 * and the tables; rewrites docs/benchmarks.md and docs/benchmarks.svg.
 * Options: see lib/args.mjs (`--quick`, `--events N`, `--rate N`, `--runs R`, `--burst-runs B`, ...).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, rateText, USAGE } from './lib/args.mjs'
import { CLIENTS } from './lib/clients.mjs'
import { machineInfo, versions } from './lib/machine.mjs'
import { runChild } from './lib/run-child.mjs'
import { runThroughput } from './lib/run-throughput.mjs'
import { startSinkProcess } from './lib/sink-process.mjs'
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
  log(USAGE)
  process.exit(0)
}
const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`
const machine = machineInfo()
log(
  `polytrack bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb.toFixed(1)} GB, Node ${machine.node}, load ${machine.loadAtStart.join(' ')}`,
)

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
    const clients = args.clients ? CLIENTS.filter((c) => args.clients.includes(c.name)) : CLIENTS
    const table = { clients, events: args.events, clientsDir: join(here, 'clients'), sink, log, elapsed }
    results.rate = args.rate
    results.throughput = await runThroughput({ ...table, runs: args.runs, rate: args.rate, title: 'throughput', label: 'run' })
    // With --rate 0 the paced table already is the burst table.
    if (args.burstRuns > 0 && args.rate > 0)
      results.burst = await runThroughput({ ...table, runs: args.burstRuns, rate: 0, title: 'burst table', label: 'burst' })
    log('')
    log(formatTable(results.throughput, args.events, args.rate))
    if (results.burst) {
      log('')
      log(formatTable(results.burst, args.events, 0))
    }
  }
  if (wants('flags')) results.flags = await runMode('flags', 'modes/flags.mjs', { BENCH_FLAG_SECONDS: String(args.flagSeconds) }, 120_000)
  if (wants('latency'))
    results.latency = await runMode('latency', 'modes/latency.mjs', { BENCH_EVENTS: String(Math.max(args.events, 50_000)) }, 180_000)
  if (wants('spool')) {
    results.spool = await runMode('spool', 'modes/spool.mjs', { BENCH_EVENTS: String(Math.min(args.events, 50_000)) }, 600_000)
    const backlog = String(args.spoolBacklog ?? (args.quick ? 100_000 : 1_000_000))
    results.spoolBacklog = []
    for (const kind of ['file', 'redis'])
      results.spoolBacklog.push(
        await runMode(`spool backlog (${kind})`, 'modes/spool-backlog.mjs', { BENCH_SPOOL_KIND: kind, BENCH_BACKLOG: backlog }, 900_000),
      )
  }
  if (wants('memory')) results.memory = await runMode('memory', 'modes/memory.mjs', { BENCH_EVENTS: String(args.memoryEvents) }, 600_000)
  if (wants('cold-start'))
    results.coldStart = await runMode('cold-start', 'modes/cold-start.mjs', { BENCH_COLD_RUNS: String(args.coldRuns) }, 900_000)
  if (wants('bundle-size')) results.bundleSize = await runMode('bundle-size', 'modes/bundle-size.mjs', {}, 120_000)
  if (wants('profile')) {
    log(`[${elapsed()}] profile: polytrack-segment under node --cpu-prof, ${args.events} events, ${rateText(args.rate)}`)
    await sink.reset()
    results.profile = await runProfile({ benchDir, sinkUrl: sink.url, events: args.events, rate: args.rate })
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

async function runMode(name, script, env, timeoutMs) {
  log(`[${elapsed()}] ${name} …`)
  await sink.reset()
  // The modes run flat out (BENCH_RATE 0) whatever the caller's environment says.
  const result = await runChild(join(here, script), { env: { BENCH_SINK_URL: sink.url, BENCH_RATE: '0', ...env }, timeoutMs })
  if (!result.ok) log(`  ${name}: ${result.unavailable ? `unavailable (${result.reason})` : `failed (${result.crashed})`}`)
  else log(`  ${name}: ${summaryLine(name, result)}`)
  return result
}

function summaryLine(name, r) {
  const n = (x, d = 0) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: d }) : 'n/a')
  if (name === 'flags') {
    return `polytrack ${n(r.polytrack?.opsPerSec)}/s, posthog-node ${n(r.posthogNode?.opsPerSec)}/s, sha1 ${n(r.sha1?.opsPerSec)}/s, mismatches ${r.agreement?.mismatches ?? 'n/a'}`
  }
  if (name === 'cold-start')
    return (r.rows ?? []).map((row) => `${row.client}: ${row.error ?? `${n(row.coldStartMs?.median, 0)} ms`}`).join('; ')
  if (name === 'bundle-size')
    return (r.rows ?? []).map((row) => `${row.name}: ${row.error ?? `${n(row.gzippedBytes / 1024, 1)} KiB gzipped`}`).join('; ')
  if (name === 'spool')
    return (r.rows ?? []).map((row) => `${row.name}: ${n(row.trackCpuUs, 1)} µs CPU/track, ${n(row.messagesPerSec)} msg/s`).join('; ')
  if (name.startsWith('spool backlog'))
    return `${n(r.backlog)} messages: RSS ${n(r.rssStartMb)} MB at start, peak ${n(r.acceptPeakMb)} MB accepting, ${n(r.rssWithBacklogMb)} MB with the backlog, peak ${n(r.drainPeakMb)} MB draining; ${n(r.acceptPerSec)} msg/s in, ${n(r.drainPerSec)} msg/s out`
  if (name === 'latency') {
    return (
      `p50 ${n(r.p50, 2)} µs, p99 ${n(r.p99, 2)} µs, p99.9 ${n(r.p999, 1)} µs (baseline p99 ${n(r.baseline?.p99, 2)} µs; ` +
      `busy loop of the same median p50 ${n(r.busyLoop?.p50, 2)} µs, p99 ${n(r.busyLoop?.p99, 2)} µs; ` +
      `machine gaps > 5 µs: ${n(r.interruptions?.gapsPerSec)}/s, median ${n(r.interruptions?.medianGapUs, 1)} µs); ` +
      `deferEncoding: p50 ${n(r.deferEncoding?.p50, 2)} µs, p99 ${n(r.deferEncoding?.p99, 2)} µs`
    )
  }
  return `RSS start ${n(r.startMb)} MB, at 10% ${n(r.at10Mb)} MB, peak ${n(r.peakMb)} MB, end ${n(r.endMb)} MB; delivered ${n(r.report?.delivered)}, dropped ${n(r.report?.dropped)}`
}
