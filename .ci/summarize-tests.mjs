// Adds up the vitest JSON reports that `pnpm test` wrote (packages/*/test-results/vitest.json)
// and prints one closing line, "N passed, N failed, N skipped". Exits 1 if any test failed, if a
// package that has tests wrote no report, or if no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
let passed = 0
let failed = 0
let skipped = 0
const missing = []
for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name)
  const pkgFile = join(dir, 'package.json')
  if (!existsSync(pkgFile)) continue
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
  if (!pkg.scripts?.test) continue
  const report = join(dir, 'test-results', 'vitest.json')
  if (!existsSync(report)) {
    missing.push(pkg.name)
    continue
  }
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests ?? 0
  failed += json.numFailedTests ?? 0
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
  console.log(`${pkg.name}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`)
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0)
