import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('demo', () => {
  it('runs end to end, prints what arrived per type, and exits 0', () => {
    const script = fileURLToPath(new URL('../dist/demo.js', import.meta.url))
    const run = spawnSync(process.execPath, [script], { env: { ...process.env, DEMO_USERS: '60' }, encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Every message arrived exactly once.')
    // 60 users: 2 pages, 1 alias, identify, group, screen each; 1-3 orders (20 of each) = 120 tracks.
    expect(run.stdout).toMatch(/track\W+│\s+120\s+│\s+120/)
    expect(run.stdout).toMatch(/page\W+│\s+120\s+│\s+120/)
  })
})
