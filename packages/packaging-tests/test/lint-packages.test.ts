import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { describe, expect, it } from 'vitest'
import { PUBLIC_PACKAGES } from './public-packages.js'

const repo = fileURLToPath(new URL('../../..', import.meta.url))
const attw = `${repo}/node_modules/.bin/attw`

describe.each(PUBLIC_PACKAGES)('@polytrack/%s package metadata', (dir) => {
  const pkgDir = `${repo}/packages/${dir}`

  it('passes publint (strict)', async () => {
    const { messages } = await publint({ pkgDir, strict: true, pack: 'npm' })
    expect(messages.map((m) => `${m.type}: ${m.code} ${JSON.stringify(m.args)}`)).toEqual([])
  })

  it('passes @arethetypeswrong/cli in every resolution mode (node10, node16 ESM and CJS, bundler)', () => {
    const run = spawnSync(attw, ['--pack', pkgDir, '--format', 'json'], { encoding: 'utf8', timeout: 120_000 })
    const report = JSON.parse(run.stdout) as { problems?: unknown[] | Record<string, unknown[]> }
    const problems = Array.isArray(report.problems) ? report.problems : Object.values(report.problems ?? {}).flat()
    expect(problems).toEqual([])
    expect(run.status).toBe(0)
  })
})
