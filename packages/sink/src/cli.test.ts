import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-args.js'

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

describe('parseCliArgs', () => {
  it('parses flags in both spellings and applies defaults', () => {
    expect(parseCliArgs([])).toEqual({ port: 8787, host: '127.0.0.1', quiet: false, help: false })
    expect(parseCliArgs(['--port', '0', '--host=0.0.0.0', '--quiet'])).toEqual({ port: 0, host: '0.0.0.0', quiet: true, help: false })
  })

  it('rejects bad input', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/)
    expect(() => parseCliArgs(['--port'])).toThrow(/--port/)
    expect(() => parseCliArgs(['--bogus'])).toThrow(/--bogus/)
  })
})

describe('polytrack-sink CLI (dist/cli.js; build first)', () => {
  it('prints the listening line, serves requests and exits 0 on SIGTERM', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run the build before the tests`).toBe(true)
    const child = spawn(process.execPath, [CLI, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
      const first = await lines.next()
      const match = /^polytrack-sink listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(String(first.value))
      expect(match, String(first.value)).not.toBeNull()
      const url = match?.[1] as string
      expect(Number(match?.[2])).toBeGreaterThan(0)
      const second = await lines.next()
      expect(String(second.value)).toContain(`rudderstack=${url}/rudderstack`)
      const third = await lines.next()
      expect(String(third.value)).toMatch(new RegExp(`^inspector: ${url}/ `))
      const page = await fetch(`${url}/`)
      expect(await page.text()).toContain('Polytrack sink · inspector')
      const health = await fetch(`${url}/_sink/health`)
      expect(await health.json()).toEqual({ ok: true })
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('exits 2 with usage on a bad argument', async () => {
    const child = spawn(process.execPath, [CLI, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code).toBe(2)
    expect(stderr).toContain('Usage')
  })
})
