/**
 * Rewrites docs/benchmarks.md and .svg from packages/bench/results/latest.json without re-running
 * (after editing method.md / findings.md). Usage: node packages/bench/src/report/rewrite-doc.mjs
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { versions } from '../lib/machine.mjs'
import { evaluateTargets } from './targets.mjs'
import { writeDoc } from './write-doc.mjs'

const results = JSON.parse(readFileSync(new URL('../../results/latest.json', import.meta.url), 'utf8'))
results.versions = versions()
results.targets = evaluateTargets(results)
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
console.log(`wrote ${writeDoc(results, repoRoot).join(', ')}`)
