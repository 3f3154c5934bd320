// docs/runtimes.md: a PostHog client with local evaluation created at module scope in a Worker
// reports one flags_definitions_failed (workerd refuses the load outside a request), then loads the
// definitions inside the first request and answers from them.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findRuntime } from './runtime-binaries.js'
import { startWorkerd } from './workerd-host.js'

const ENTRY = fileURLToPath(new URL('../src/posthog-module-scope-worker.mjs', import.meta.url))
const fixture = JSON.parse(readFileSync(new URL('../../core/src/flags/fixtures/posthog-consistency.json', import.meta.url), 'utf8')) as {
  definitions: object
  simpleFlag: (boolean | string)[]
  multivariateFlag: (boolean | string)[]
}
const ids = Array.from({ length: 20 }, (_, i) => `distinct_id_${i}`)

let sink: Sink
beforeAll(async () => {
  sink = await startSink()
  sink.setFlagDefinitions(fixture.definitions as Parameters<Sink['setFlagDefinitions']>[0])
})
afterAll(async () => {
  await sink?.close()
})

describe('workerd: a module-scope PostHog client with local evaluation', () => {
  it('reports the refused load once, then loads the definitions in a request and answers from them', async (context) => {
    const found = findRuntime('workerd')
    if (!('path' in found)) {
      if (process.env.CI) throw new Error(`cannot run in CI: ${found.missing}`)
      console.warn(`skipped: ${found.missing}`)
      context.skip()
      return
    }
    const host = await startWorkerd({
      workerd: found.path,
      entry: ENTRY,
      compatibilityFlags: [],
      define: { __SMOKE_POSTHOG_URL__: JSON.stringify(sink.urlFor('posthog')) },
    })
    try {
      const ask = async () => {
        const response = await fetch(`${host.url}/flags`, { method: 'POST', body: JSON.stringify({ ids }) })
        expect(response.status, host.logs()).toBe(200)
        return (await response.json()) as { values: unknown[]; errors: string[] }
      }
      const expected = ids.map((_, i) => [fixture.simpleFlag[i], fixture.multivariateFlag[i]])
      const first = await ask()
      expect(first.values).toEqual(expected)
      const second = await ask()
      expect(second.values).toEqual(expected)
      expect(second.errors).toEqual(['flags_definitions_failed'])
      // One load of the definitions, from inside the first request; no flag was asked remotely.
      expect(sink.requests({ vendor: 'posthog', kind: 'flags' }).map((r) => r.path)).toEqual(['/posthog/flags/definitions'])
    } finally {
      await host.close()
    }
  })
})
