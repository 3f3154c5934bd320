// Runs a worker inside workerd, as `wrangler dev` would, minus wrangler: the worker is bundled by
// esbuild with wrangler's import conditions (workerd, worker, browser), and served by the workerd
// binary on 127.0.0.1 (port 0: workerd reports the port it got on its control file descriptor).
// Its outbound network may reach loopback, where the sink is.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { edgeBuildOptions } from '@polytrack/test-support/edge-build-options'
import { build } from 'esbuild'

/** A running workerd, serving one worker. */
export interface WorkerdHost {
  /** The worker's base URL, `http://127.0.0.1:<port>`. */
  url: string
  /** Everything workerd wrote to stderr so far (its logs, uncaught errors). */
  logs(): string
  /** Stops workerd and removes its files. */
  close(): Promise<void>
}

/** How to build and run the worker. */
export interface WorkerdOptions {
  workerd: string
  entry: string
  /** Compatibility flags, e.g. `['nodejs_compat']`; node: built-ins are left to the runtime only with it (as wrangler does). */
  compatibilityFlags: string[]
  /** esbuild `define`: identifiers replaced in the bundle. */
  define?: Record<string, string>
}

/** Bundles `entry` as wrangler would; without `nodejs_compat` any `node:` import fails the build. */
export async function bundleWorker(options: WorkerdOptions, outfile: string): Promise<void> {
  const nodeCompat = options.compatibilityFlags.includes('nodejs_compat')
  await build({
    ...edgeBuildOptions(),
    entryPoints: [options.entry],
    outfile,
    external: nodeCompat ? ['node:*'] : [],
    define: options.define ?? {},
  })
}

export async function startWorkerd(options: WorkerdOptions): Promise<WorkerdHost> {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-workerd-'))
  await bundleWorker(options, join(dir, 'worker.js'))
  const flags = options.compatibilityFlags.map((flag) => JSON.stringify(flag)).join(', ')
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = [${flags}],
);
`,
  )
  const child = spawn(options.workerd, ['serve', join(dir, 'config.capnp'), '--control-fd=3'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  })
  let logs = ''
  child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
  const stop = async () => {
    await stopChild(child)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await listenPort(child, () => logs)
    return { url: `http://127.0.0.1:${port}`, logs: () => logs, close: stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The port of the `http` socket, from workerd's control messages (`{"event":"listen","socket":"http","port":N}`). */
function listenPort(child: ChildProcess, logs: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let control = ''
    const fail = (why: string) => reject(new Error(`workerd did not start: ${why}\n${logs()}`))
    const timer = setTimeout(() => fail('no listen event within 60 s'), 60_000)
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      control += chunk.toString()
      for (const line of control.split('\n')) {
        const event = line.trim() === '' ? undefined : (JSON.parse(line) as { event?: string; socket?: string; port?: number })
        if (event?.event === 'listen' && event.socket === 'http' && event.port !== undefined) {
          clearTimeout(timer)
          resolve(event.port)
        }
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      fail(`it exited (${signal ?? `code ${code}`})`)
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(error.message)
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
