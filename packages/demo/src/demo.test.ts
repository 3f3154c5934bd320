import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('demo', () => {
  it('runs end to end through all six vendors, prints the summary and flags, and exits 0', () => {
    const script = fileURLToPath(new URL('../dist/demo.js', import.meta.url))
    const run = spawnSync(process.execPath, [script], { env: { ...process.env, DEMO_USERS: '60' }, encoding: 'utf8', timeout: 90_000 })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Every message arrived at every vendor exactly once.')
    // 60 users: 2 pages, alias, identify, group and screen each, and 1–3 orders (20 of each) = 480 calls.
    expect(run.stdout).toContain('60 simulated users made 480 calls')
    for (const vendor of ['rudderstack', 'hightouch', 'customerio', 'amplitude', 'mixpanel'])
      expect(run.stdout).toMatch(new RegExp(`${vendor}\\s+480\\s+480\\s`))
    // PostHog also receives one $feature_flag_called per (flag, user, value): 2 flags × 60 users.
    expect(run.stdout).toMatch(/posthog\s+600\s+600\s/)
    expect(run.stdout).toMatch(/new-checkout: true × 20, false × 40/)
    expect(run.stdout).toMatch(/pricing-experiment: /)
  })
})
