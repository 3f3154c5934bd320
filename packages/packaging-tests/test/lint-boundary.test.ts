import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const eslint = new ESLint({ cwd: root })

/** Lints one line as if it were a script in packages/bench/src and returns the import-boundary messages. */
async function boundaryMessages(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport { x }\n`, { filePath: `${root}packages/bench/src/probe.mjs` })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the import-boundary lint rule', () => {
  it.each([
    "import { x } from '../../core/src/index.js'",
    "import { x } from '../../../packages/posthog/src/posthog.js'",
    "import { x } from '@polytrack/core/src/analytics.js'",
    "import { x } from '@polytrack/sink/dist/index.js'",
  ])('refuses %s', async (source) => {
    expect(await boundaryMessages(source)).toHaveLength(1)
  })

  it.each([
    "import { x } from '@polytrack/core'",
    "import { x } from '@polytrack/core/adapter'",
    "import { x } from './lib/clients.mjs'",
    "import { x } from '../src/helpers.js'",
  ])('allows %s', async (source) => {
    expect(await boundaryMessages(source)).toEqual([])
  })
})
