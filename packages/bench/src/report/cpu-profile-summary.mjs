/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and aggregates self time by function + script,
 * and by area (Polytrack core, adapters, undici, node internals, GC, …).
 * CLI: `node cpu-profile-summary.mjs file.cpuprofile [top]` prints the tables.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** Short, stable label for a script URL. */
export function shortUrl(url) {
  if (!url) return ''
  const pkgs = /packages\/([^/]+)\/dist\/(.+)$/.exec(url)
  if (pkgs) return `@polytrack/${pkgs[1]}/${pkgs[2]}`
  const nm = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(url)
  if (nm) return `${nm[1]}/${nm[2]}`
  const bench = /packages\/bench\/src\/(.+)$/.exec(url)
  if (bench) return `bench/${bench[1]}`
  return url.replace(/^file:\/\//, '')
}

/** Area of a frame, for the coarse breakdown. */
export function areaOf(functionName, url) {
  if (functionName === '(garbage collector)') return 'GC'
  if (functionName === '(idle)') return 'idle'
  if (functionName === '(program)') return 'V8/native (program)'
  if (/packages\/core\/dist/.test(url)) return 'Polytrack core'
  if (/packages\/(segment|posthog|rudderstack|hightouch|customerio|multiplex)\/dist/.test(url)) return 'Polytrack adapter'
  if (/undici/.test(url)) return 'undici'
  if (/p-retry|is-network-error/.test(url)) return 'p-retry'
  if (/packages\/bench/.test(url)) return 'bench workload'
  if (url.startsWith('node:')) return 'Node internals'
  if (url === '') return 'native (builtins, JSON, crypto)'
  return 'other JS'
}

/** `{ totalMs, functions: [{name, url, line, selfMs, pct}], areas: [{area, selfMs, pct}] }`. */
export function summarizeProfile(profile, top = 20) {
  const self = new Map()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const fns = new Map()
  const areas = new Map()
  let total = 0
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame
    const name = functionName || '(anonymous)'
    const key = `${name}|${url}|${lineNumber}`
    const entry = fns.get(key) ?? { name, url: shortUrl(url), line: lineNumber + 1, selfMs: 0 }
    entry.selfMs += us / 1000
    fns.set(key, entry)
    const area = areaOf(name, url)
    areas.set(area, (areas.get(area) ?? 0) + us / 1000)
    total += us / 1000
  }
  const busy = total - (areas.get('idle') ?? 0)
  const pct = (ms) => (busy > 0 ? (ms / busy) * 100 : 0)
  return {
    totalMs: total,
    busyMs: busy,
    functions: [...fns.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, pct: pct(f.selfMs) })),
    areas: [...areas]
      .filter(([area]) => area !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([area, selfMs]) => ({ area, selfMs, pct: pct(selfMs) })),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const summary = summarizeProfile(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] ?? 25))
  console.log(`busy ${summary.busyMs.toFixed(0)} ms (of ${summary.totalMs.toFixed(0)} ms sampled)`)
  for (const a of summary.areas) console.log(`${a.pct.toFixed(1).padStart(5)}%  ${a.selfMs.toFixed(0).padStart(6)} ms  ${a.area}`)
  console.log('')
  for (const f of summary.functions) {
    console.log(`${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.url}:${f.line}`)
  }
}
