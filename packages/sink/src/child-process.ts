/**
 * `@polytrack/sink/child-process`: runs a Node.js script in a child process for tests (a client
 * that must exit by itself, be killed, or run with a fresh heap), collecting its output. Node only.
 *
 * @packageDocumentation
 */
import { spawn, type ChildProcess } from 'node:child_process'

/** What a child printed and how it ended. */
export interface ChildOutput {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Options of {@link spawnNode}. */
export interface SpawnNodeOptions {
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>
  /** Node.js flags before the script (e.g. `--expose-gc`). */
  nodeArgs?: string[]
  /** SIGKILL the child if it is still running after this many ms (no limit when absent). */
  killAfterMs?: number
}

/** A child process running `script` with this Node.js; `output` resolves when it exits (rejects if it cannot start). */
export function spawnNode(script: string | URL, options: SpawnNodeOptions = {}): ChildProcess & { output: Promise<ChildOutput> } {
  const path = typeof script === 'string' ? script : script.pathname
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path], { env: { ...process.env, ...options.env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)
  const output = new Promise<ChildOutput>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, stdout, stderr })
    })
  })
  return Object.assign(child, { output })
}
