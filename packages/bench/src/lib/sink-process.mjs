/**
 * Starts the sink CLI in its own process and talks to its control API.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'

const require = createRequire(import.meta.url)

/** Path of the built sink CLI (`@polytrack/sink/dist/cli.js`). */
function sinkCli() {
  const pkg = require.resolve('@polytrack/sink/package.json')
  return join(dirname(pkg), 'dist', 'cli.js')
}

/** Starts the sink; resolves with `{ url, stats(vendor), reset(), stop() }` once it listens. */
export async function startSinkProcess() {
  const child = spawn(process.execPath, [sinkCli(), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sink did not start within 15 s')), 15_000)
    child.once('exit', (code) => reject(new Error(`sink exited with code ${code}`)))
    lines.on('line', (line) => {
      const match = /^polytrack-sink listening on (\S+)/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
  })
  const control = async (path, method = 'GET') => {
    // The control API's POSTs take JSON only (see the sink's README: no page of another origin may drive it).
    const init = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : { method }
    const res = await fetch(`${url}/_sink/${path}`, init)
    if (!res.ok) throw new Error(`sink ${method} ${path}: HTTP ${res.status}`)
    return res.json()
  }
  return {
    url,
    pid: child.pid,
    /** `{ requests, received, duplicates, rejected, gzipRequests, bytes }` for each vendor. */
    async stats() {
      const stats = await control('stats')
      const out = {}
      for (const [vendor, s] of Object.entries(stats.byVendor ?? {})) {
        out[vendor] = {
          requests: s.requests,
          received: s.accepted,
          duplicates: s.duplicates,
          rejected: s.rejectedRequests,
          gzipRequests: s.gzipRequests,
          bytes: s.bytes,
        }
      }
      return out
    },
    reset: () => control('reset', 'POST'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
