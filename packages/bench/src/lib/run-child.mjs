/**
 * Runs one benchmark script in a child Node process and returns the JSON object of the last
 * stdout line that parses. A crash, a timeout or no JSON line comes back as `{ ok: false, crashed }`.
 */
import { spawn } from 'node:child_process'

export function runChild(script, { env = {}, nodeArgs = [], timeoutMs = 300_000, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000)
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      const result = lastJsonLine(stdout)
      if (result && !timedOut) return resolve({ exitCode: code, ...result })
      const tail = stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)
      resolve({
        ok: false,
        crashed: timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exit ${code ?? signal}${tail ? `: ${tail}` : ''}`,
      })
    })
  })
}

function lastJsonLine(text) {
  const lines = text.trim().split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim()
    if (!line.startsWith('{')) continue
    try {
      return JSON.parse(line)
    } catch {
      // keep looking
    }
  }
  return undefined
}
