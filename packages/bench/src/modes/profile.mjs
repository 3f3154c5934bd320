/**
 * Runs Polytrack's single-destination client (Segment adapter) once under `node --cpu-prof`, offered
 * at `rate` events/s like the paced throughput table (0 = flat out), and summarises the profile
 * (self time by function and by area). The .cpuprofile stays in packages/bench/.profiles/ (gitignored).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { CLIENTS } from '../lib/clients.mjs'
import { runChild } from '../lib/run-child.mjs'
import { summarizeProfile } from '../report/cpu-profile-summary.mjs'

export async function runProfile({ benchDir, sinkUrl, events, rate = 0, client = 'polytrack-segment' }) {
  const dir = join(benchDir, '.profiles')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const { script, env } = CLIENTS.find((c) => c.name === client) ?? { script: `${client}.mjs` }
  const result = await runChild(join(benchDir, 'src', 'clients', script), {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'],
    env: { ...env, BENCH_EVENTS: String(events), BENCH_SINK_URL: sinkUrl, BENCH_RATE: String(rate) },
    timeoutMs: Math.max(60_000, events * 2 + (rate > 0 ? (events / rate) * 1000 : 0)),
  })
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!result.ok || !file) return { client, events, rate, error: result.crashed ?? result.reason ?? 'no .cpuprofile written' }
  const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), 20)
  return { client, events, rate, file: `packages/bench/.profiles/${file}`, cpuMs: result.cpuMs, ...summary }
}
