// Packs every public package exactly as it would be published, installs the tarballs into a fresh
// project outside the repository (their own dependencies come from the npm registry), and uses
// them from ESM, from CJS and from TypeScript (moduleResolution node16, both module flavours).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryPoints, publicPackages } from '@polytrack/adapter-conformance/workspace'
import { PUBLIC_PACKAGES } from './public-packages.js'

const repo = fileURLToPath(new URL('../../..', import.meta.url))

let work: string
let project: string
const tarballs: string[] = []

/** `pnpm pack` rewrites `workspace:` ranges; use the pnpm running this test when there is one. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, [execPath]]
  return ['npx', ['-y', 'pnpm@10.34.8']]
}

/**
 * Runs a command with stdin closed (a prompt must fail, not hang) and a deadline; rejects with its
 * output on a non-zero exit. `clean` drops the npm_* / pnpm settings inherited from `pnpm test`,
 * so the consumer project is installed as a user would.
 */
function sh(command: string, args: string[], cwd: string, options: { clean?: boolean; timeoutMs?: number } = {}): Promise<string> {
  // Keep the machine's global npm config (its registry and CA settings), drop what `pnpm test` injected.
  const inherited = (key: string) => !/^(npm_|pnpm_)/i.test(key) || /^npm_config_globalconfig$/i.test(key)
  const env = options.clean ? Object.fromEntries(Object.entries(process.env).filter(([key]) => inherited(key))) : process.env
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 150_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(stdout)
      else reject(new Error(`${command} ${args.join(' ')} failed in ${cwd} (${signal ?? `exit ${code}`})\n${stdout}\n${stderr}`))
    })
  })
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'polytrack-pack-'))
  const packs = join(work, 'tarballs')
  project = join(work, 'consumer')
  mkdirSync(packs)
  mkdirSync(project)
  const [pnpm, pnpmArgs] = pnpmCommand()
  for (const dir of PUBLIC_PACKAGES) {
    await sh(pnpm, [...pnpmArgs, 'pack', '--pack-destination', packs], join(repo, 'packages', dir))
  }
  for (const file of readdirSync(packs)) tarballs.push(join(packs, file))

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'polytrack-consumer', version: '1.0.0', private: true }, null, 2))
  // Dependencies of the tarballs (undici, p-retry, re2js, the OpenFeature SDK peer)
  // come from the registry, as for any user. @types/node only for the tsc check below.
  await sh(
    'npm',
    ['install', ...tarballs, '@openfeature/server-sdk@^1.19.0', '@types/node@^20.19.0', '--no-audit', '--no-fund', '--loglevel=error'],
    project,
    { clean: true, timeoutMs: 240_000 },
  )
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('tarballs', () => {
  it('are one per public package, carry dist and no workspace: ranges', async () => {
    expect(tarballs).toHaveLength(PUBLIC_PACKAGES.length)
    for (const dir of PUBLIC_PACKAGES) {
      const pkg = JSON.parse(readFileSync(join(project, 'node_modules', '@polytrack', dir, 'package.json'), 'utf8')) as Record<
        string,
        unknown
      >
      expect(JSON.stringify(pkg), `${dir}: workspace: range left in the published manifest`).not.toContain('workspace:')
      const files = readdirSync(join(project, 'node_modules', '@polytrack', dir))
      expect(files, dir).toContain('dist')
      expect(files, `${dir}: sources or tests published`).not.toContain('src')
      const dist = readdirSync(join(project, 'node_modules', '@polytrack', dir, 'dist'))
      for (const needed of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) expect(dist, `${dir}/dist`).toContain(needed)
    }
  })
})

// One scenario, written once, run from both module systems: a sink from the packed @polytrack/sink,
// all five adapters through multiplex, local flags with the OpenFeature provider, the pure evaluator.
const SCENARIO = `
  const sink = await startSink()
  const { Analytics, localFlags, DEFAULT_SETTINGS, ValidationError } = core
  const definitions = { flags: [{ id: 1, key: 'beta', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } }] }
  const analytics = new Analytics({
    destination: multiplex.multiplex([
      rudderstack.rudderstack({ writeKey: 'wk_rs', dataPlaneUrl: sink.urlFor('rudderstack') }),
      posthog.posthog({ apiKey: 'phc_test', host: sink.urlFor('posthog') }),
      hightouch.hightouch({ writeKey: 'wk_ht', host: sink.urlFor('hightouch') }),
      customerio.customerio({ writeKey: 'wk_cio', host: sink.urlFor('customerio') }),
      segment.segment({ writeKey: 'wk_seg', host: sink.urlFor('segment') }),
    ]),
    flags: localFlags({ definitions }),
    flushIntervalMs: 50,
  })
  analytics.identify({ userId: 'u1', traits: { email: 'ada@example.com' } })
  analytics.track({ userId: 'u1', event: 'Order Completed', properties: { total: 9.99 } })
  let validation = false
  try { analytics.track({ userId: 'u1' }) } catch (error) { validation = error instanceof ValidationError }
  const flag = await analytics.getFeatureFlag('beta', 'u1')
  const provider = new openfeature.PolytrackProvider(analytics)
  const resolution = await provider.resolveBooleanEvaluation('beta', false, { targetingKey: 'u1' })
  const evaluated = flags.evaluateFlag('beta', { distinctId: 'u1' }, definitions)
  if (typeof spoolRedis.redisSpool !== 'function') throw new Error('@polytrack/spool-redis exports no redisSpool')
  const report = await analytics.close({ timeoutMs: 10000 })
  const byVendor = {}
  for (const vendor of ['rudderstack', 'posthog', 'hightouch', 'customerio', 'segment']) byVendor[vendor] = sink.messages({ vendor }).length
  await sink.close()
  console.log(JSON.stringify({ delivered: report.delivered, failed: report.failed, byVendor, validation, flag, resolution: resolution.value, evaluated: evaluated.value, flushAt: DEFAULT_SETTINGS.flushAt }))
`
const NAMES = {
  core: '@polytrack/core',
  flags: '@polytrack/core/flags',
  sinkModule: '@polytrack/sink',
  rudderstack: '@polytrack/rudderstack',
  posthog: '@polytrack/posthog',
  hightouch: '@polytrack/hightouch',
  customerio: '@polytrack/customerio',
  segment: '@polytrack/segment',
  multiplex: '@polytrack/multiplex',
  openfeature: '@polytrack/openfeature',
  spoolRedis: '@polytrack/spool-redis',
}

const EXPECTED = {
  delivered: 10, // 2 messages × 5 vendors (localFlags sends no $feature_flag_called events)
  failed: 0,
  validation: true,
  flag: true,
  resolution: true,
  evaluated: true,
  flushAt: 20,
}

function expectScenario(stdout: string): void {
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown> & {
    byVendor: Record<string, number>
    delivered: number
  }
  expect(result.byVendor).toEqual({ rudderstack: 2, posthog: 2, hightouch: 2, customerio: 2, segment: 2 })
  expect({ ...result, byVendor: undefined }).toEqual({ ...EXPECTED, byVendor: undefined })
}

describe('installed from the tarballs', () => {
  it('works from ESM (import)', async () => {
    const imports = Object.entries(NAMES)
      .map(([local, name]) => `import * as ${local} from '${name}'`)
      .join('\n')
    const script = `${imports}\nconst { startSink } = sinkModule\n${SCENARIO}`
    writeFileSync(join(project, 'esm-check.mjs'), script)
    expectScenario(await sh(process.execPath, ['esm-check.mjs'], project))
  })

  it('works from CJS (require)', async () => {
    const requires = Object.entries(NAMES)
      .map(([local, name]) => `const ${local} = require('${name}')`)
      .join('\n')
    const script = `'use strict'\n${requires}\nconst { startSink } = sinkModule\n;(async () => {\n${SCENARIO}\n})().catch((error) => { console.error(error); process.exit(1) })`
    writeFileSync(join(project, 'cjs-check.cjs'), script)
    expectScenario(await sh(process.execPath, ['cjs-check.cjs'], project))
  })

  it('loads the runtime build that the import conditions choose (#platform), from ESM and CJS', async () => {
    // Node always matches `node`; an extra condition listed before it in core's "imports" wins, as
    // it does for Bun, Deno, workerd (wrangler) and Vercel Edge, which set them.
    const cases = [
      [[], 'node', 'undici'],
      [['--conditions=bun'], 'bun', 'fetch'],
      [['--conditions=deno'], 'deno', 'fetch'],
      [['--conditions=workerd'], 'edge', 'fetch'],
      [['--conditions=edge-light'], 'edge', 'fetch'],
    ] as const
    for (const [conditions, name, transport] of cases) {
      const esm = await sh(
        process.execPath,
        [
          ...conditions,
          '--input-type=module',
          '-e',
          "const { RUNTIME } = await import('@polytrack/core'); console.log(JSON.stringify(RUNTIME))",
        ],
        project,
      )
      const cjs = await sh(
        process.execPath,
        [...conditions, '-e', "console.log(JSON.stringify(require('@polytrack/core').RUNTIME))"],
        project,
      )
      for (const out of [esm, cjs])
        expect(JSON.parse(out), `${conditions.join(' ') || 'node'}`).toMatchObject({
          name,
          defaultTransport: transport,
          fileSpool: name !== 'edge',
        })
    }
  })

  it('exports the same names from ESM and CJS, for every entry point of every public package', async () => {
    const specifiers = publicPackages().flatMap((pkg) => entryPoints(pkg).map((e) => e.specifier))
    expect(specifiers).toEqual(expect.arrayContaining(Object.values(NAMES)))
    const list = JSON.stringify(specifiers)
    const esm = await sh(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const out = {}; for (const n of ${list}) out[n] = Object.keys(await import(n)).filter((k) => k !== 'default' && k !== 'module.exports').sort(); console.log(JSON.stringify(out))`,
      ],
      project,
    )
    const cjs = await sh(
      process.execPath,
      ['-e', `const out = {}; for (const n of ${list}) out[n] = Object.keys(require(n)).sort(); console.log(JSON.stringify(out))`],
      project,
    )
    const fromEsm = JSON.parse(esm) as Record<string, string[]>
    expect(JSON.parse(cjs)).toEqual(fromEsm)
    for (const [name, keys] of Object.entries(fromEsm)) expect(keys.length, name).toBeGreaterThan(0)
  })

  it('type-checks as ESM (.mts) and CJS (.cts) under moduleResolution node16', async () => {
    const body = `
const destination = multiplex([
  rudderstack({ writeKey: 'wk', dataPlaneUrl: 'https://acme.dataplane.rudderstack.com' }),
  posthog({ apiKey: 'phc', personalApiKey: 'phx', featureFlagsPollingIntervalMs: 60_000 }),
  hightouch({ writeKey: 'wk' }),
  customerio({ writeKey: 'wk', region: 'eu' }),
  { destination: segment({ writeKey: 'wk' }), name: 'segment-eu', settings: { maxQueueSize: 50_000 } },
])
const options: AnalyticsOptions = { destination, flushAt: 50, flags: localFlags({ definitions: { flags: [] } }), proxy: false, logger: console, logLevel: 'warn' }
const analytics = new Analytics(options)
analytics.track({ userId: 'u1', event: 'Signed Up', properties: { plan: 'pro' } })
// integrations: the known names (type-fest's LiteralUnion, inlined) and any other string
const integrations: Integrations = { All: false, PostHog: true, 'Customer.io': { anything: 1 }, 'Some Other Tool': true }
analytics.track({ userId: 'u1', event: 'Routed', integrations })
const known: KnownIntegrationName = 'Mixpanel'
// @ts-expect-error: an integrations value is a boolean or an options object
analytics.track({ userId: 'u1', event: 'Routed', integrations: { Mixpanel: 3 } })
// @ts-expect-error: logLevel is one of the levels
new Analytics({ destination, logLevel: 'verbose' })
const value: boolean | string | undefined = await analytics.getFeatureFlag('beta', 'u1')
const report: DeliveryReport = await analytics.close({ timeoutMs: DEFAULT_CLOSE_TIMEOUT })
const evaluation: FlagEvaluation = evaluateFlag('beta', { distinctId: 'u1' }, { flags: [] })
const provider = new PolytrackProvider(analytics)
const sink: Sink = await startSink({ port: 0 })
const redisOptions: RedisSpoolOptions = { url: 'rediss://user:pass@redis.internal:6380/0', tls: { ca: 'PEM' }, keyPrefix: 'app:', instanceId: 'web-1', takeoverAfterMs: 30_000 }
const spoolOption: AnalyticsOptions['spool'] = redisSpool(redisOptions)
// @ts-expect-error: track needs an event name; the types must not be any
analytics.track({ userId: 'u1' })
// @ts-expect-error: region is 'us' | 'eu'
posthog({ apiKey: 'phc', region: 'ap' })
export { value, report, evaluation, provider, sink, spoolOption, known }
`
    const imports = `
import { Analytics, DEFAULT_CLOSE_TIMEOUT, localFlags, type AnalyticsOptions, type DeliveryReport, type Integrations, type KnownIntegrationName } from '@polytrack/core'
import { evaluateFlag, type FlagEvaluation } from '@polytrack/core/flags'
import { startSink, type Sink } from '@polytrack/sink'
import { rudderstack } from '@polytrack/rudderstack'
import { posthog } from '@polytrack/posthog'
import { hightouch } from '@polytrack/hightouch'
import { customerio } from '@polytrack/customerio'
import { segment } from '@polytrack/segment'
import { multiplex } from '@polytrack/multiplex'
import { PolytrackProvider } from '@polytrack/openfeature'
import { redisSpool, type RedisSpoolOptions } from '@polytrack/spool-redis'
`
    writeFileSync(join(project, 'types-esm.mts'), `${imports}\n${body}`)
    // In a CommonJS file, top-level await is not allowed: wrap the body.
    writeFileSync(
      join(project, 'types-cjs.cts'),
      `${imports}\nexport async function main() {\n${body.replace(/^export .*$/m, 'return { value, report, evaluation, provider, sink, spoolOption, known }')}\n}\n`,
    )
    // Both flavours with full checking of the packages' declarations (skipLibCheck off): the .d.cts
    // files must not reference an ESM-only package (TS1479), which is why core declares its JSON types.
    const base = {
      target: 'ES2022',
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      noEmit: true,
      types: ['node'],
      skipLibCheck: false,
    }
    writeFileSync(join(project, 'tsconfig.esm.json'), JSON.stringify({ compilerOptions: base, files: ['types-esm.mts'] }))
    writeFileSync(join(project, 'tsconfig.cjs.json'), JSON.stringify({ compilerOptions: base, files: ['types-cjs.cts'] }))
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
    await sh(process.execPath, [tsc, '-p', 'tsconfig.esm.json'], project)
    await sh(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], project)
  })
})
