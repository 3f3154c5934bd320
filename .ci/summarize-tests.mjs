// Adds up the vitest JSON reports that `pnpm test` wrote (packages/*/test-results/vitest.json)
// and prints one closing line, "N passed, N failed, N skipped". Exits 1 if any test failed, if a
// package that has tests wrote no report, or if no test ran at all.
// With arguments, each is a folder holding one run's reports as <folder>/<package dir>/test-results/vitest.json
// (e.g. test-results-node22, saved by .ci/run): every run is counted, and the live packages/*
// reports are not read (they are the last run's, already saved).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const runs = process.argv.slice(2).map((folder) => ({ label: folder, dir: join(root, folder) }))
if (runs.length === 0) runs.push({ label: '', dir: join(root, 'packages') })
let passed = 0
let failed = 0
let skipped = 0
const missing = []
const failedSuites = []
for (const run of runs)
  for (const name of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', name)
    const pkgFile = join(dir, 'package.json')
    if (!existsSync(pkgFile)) continue
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    if (!pkg.scripts?.test) continue
    const report = join(run.dir, name, 'test-results', 'vitest.json')
    const label = run.label ? `${pkg.name} (${run.label})` : pkg.name
    if (!existsSync(report)) {
      missing.push(label)
      continue
    }
    const json = JSON.parse(readFileSync(report, 'utf8'))
    passed += json.numPassedTests ?? 0
    failed += json.numFailedTests ?? 0
    // A suite that fails outside a test (e.g. a beforeAll timeout) reports its tests as skipped, not failed.
    if ((json.numFailedTestSuites ?? 0) > 0 || json.success === false)
      failedSuites.push(`${label} (${json.numFailedTestSuites ?? '?'} suite(s))`)
    skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
    console.log(`${label}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`)
  }
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`)
if (failedSuites.length > 0) console.log(`failed test files in: ${failedSuites.join(', ')}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing.length > 0 || failedSuites.length > 0 || passed === 0 ? 1 : 0)
