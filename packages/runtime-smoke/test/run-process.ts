import { spawn } from 'node:child_process'

/** How a runtime process ended. */
export interface ProcessRun {
  code: number | null
  signal: NodeJS.Signals | null
  /** True when the process had to be killed: it did not exit by itself within the deadline. */
  killed: boolean
  stdout: string
  stderr: string
}

/**
 * Runs a command with stdin closed and a deadline; never rejects. A process that outlives the
 * deadline is killed and reported as such: the smoke entry must exit by itself once the client is
 * closed (nothing left holding the event loop).
 */
export function runProcess(command: string, args: string[], env: Record<string, string>, deadlineMs = 90_000): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let killed = false
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, deadlineMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, signal: null, killed, stdout, stderr: `${stderr}${error.message}` })
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, killed, stdout, stderr })
    })
  })
}
