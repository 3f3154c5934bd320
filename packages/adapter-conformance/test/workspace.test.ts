// Every adapter is wired into the workspace: what docs/writing-an-adapter.md asks of a new vendor
// outside its own package, checked. (Lists that tools derive from the workspace need no check.)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  adapterOptions,
  adapterPackages,
  entryPoints,
  publicPackages,
  REPO_ROOT,
  secretCount,
  workspacePackages,
} from '../src/workspace.mjs'

const adapters = adapterPackages()
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
const dependsOn = (dir: string, name: string) => {
  const manifest = workspacePackages().find((p) => p.dir === dir)!.manifest
  return { ...manifest.dependencies, ...manifest.devDependencies }[name] !== undefined
}

describe('the workspace', () => {
  it('has adapters, every one public', () => {
    expect(adapters.map((a) => a.dir)).toEqual(expect.arrayContaining(['segment', 'posthog', 'mixpanel']))
    const published = new Set(publicPackages().map((p) => p.dir))
    for (const adapter of adapters) expect(published.has(adapter.dir), adapter.dir).toBe(true)
  })

  for (const adapter of adapters) {
    describe(adapter.manifest.name, () => {
      it('runs the conformance kit in its tests', () => {
        const tests = readdirSync(join(adapter.path, 'src')).filter((f) => f.endsWith('.test.ts'))
        const calls = tests.filter((f) => readFileSync(join(adapter.path, 'src', f), 'utf8').includes('describeAdapterConformance('))
        expect(calls, 'a src/<vendor>.conformance.test.ts calling describeAdapterConformance()').toHaveLength(1)
        expect(dependsOn(adapter.dir, '@polytrack/adapter-conformance')).toBe(true)
      })

      it('has a parity fixture captured from the official SDK', () => {
        expect(existsSync(join(REPO_ROOT, 'packages', 'parity', 'fixtures', `${adapter.adapter.fixture}.json`))).toBe(true)
      })

      it('has a vendor page, linked from the README with its package', () => {
        expect(existsSync(join(REPO_ROOT, 'docs', 'vendors', `${adapter.dir}.md`))).toBe(true)
        expect(readme).toContain(`(docs/vendors/${adapter.dir}.md)`)
        expect(readme).toContain(`| \`${adapter.manifest.name}\` |`)
      })

      it('runs in the runtime smoke suite (Node, Bun, Deno, workerd)', () => {
        expect(dependsOn('runtime-smoke', adapter.manifest.name), `runtime-smoke depends on ${adapter.manifest.name}`).toBe(true)
        const scenario = readFileSync(join(REPO_ROOT, 'packages', 'runtime-smoke', 'src', 'smoke-scenario.mjs'), 'utf8')
        expect(scenario, 'src/smoke-scenario.mjs imports the adapter').toContain(`from '${adapter.manifest.name}'`)
        const harness = readFileSync(join(REPO_ROOT, 'packages', 'runtime-smoke', 'test', 'runtimes.test.ts'), 'utf8')
        expect(harness, 'test/runtimes.test.ts lists its vendor').toContain(`'${adapter.adapter.vendor}'`)
      })

      it('is built before the tools that load every adapter (they depend on it)', () => {
        for (const tool of ['bench', 'reliability', 'packaging-tests'])
          expect(dependsOn(tool, adapter.manifest.name), `${tool} depends on ${adapter.manifest.name}`).toBe(true)
      })
    })
  }

  it('packaging-tests depends on every public package', () => {
    for (const pkg of publicPackages()) expect(dependsOn('packaging-tests', pkg.manifest.name), pkg.manifest.name).toBe(true)
  })
})

describe('workspace.mjs', () => {
  const root = mkdtempSync(join(tmpdir(), 'polytrack-workspace-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const write = (dir: string, manifest: Record<string, unknown>, sources: string[] = []) => {
    mkdirSync(join(root, 'packages', dir, 'src'), { recursive: true })
    writeFileSync(join(root, 'packages', dir, 'package.json'), JSON.stringify(manifest))
    for (const source of sources) writeFileSync(join(root, 'packages', dir, 'src', source), '')
  }
  writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - 'packages/*'\nonlyBuiltDependencies:\n  - esbuild\n")
  const exportsOf = (...names: string[]) =>
    Object.fromEntries([
      ...names.map((n) => [n === 'index' ? '.' : `./${n}`, { import: { default: `./dist/${n}.js` } }]),
      ['./package.json', './package.json'],
    ])
  write('core', { name: '@x/core', exports: exportsOf('index', 'flags') }, ['index.ts', 'flags.ts'])
  write('tool', { name: '@x/tool', private: true })
  write(
    'vendor',
    {
      name: '@x/vendor',
      exports: exportsOf('index'),
      polytrack: {
        adapter: {
          factory: 'vendor',
          vendor: 'v',
          options: { apiKey: '$key', endpoint: { url: '$host' } },
          secretOptions: { personal: '$secret' },
        },
      },
    },
    ['index.ts'],
  )

  it('lists packages from pnpm-workspace.yaml, the public ones and their entry points', () => {
    expect(workspacePackages(root).map((p) => p.dir)).toEqual(['core', 'tool', 'vendor'])
    expect(publicPackages(root).map((p) => p.dir)).toEqual(['core', 'vendor'])
    expect(entryPoints(publicPackages(root)[0]!).map((e) => [e.specifier, e.source.slice(root.length)])).toEqual([
      ['@x/core', '/packages/core/src/index.ts'],
      ['@x/core/flags', '/packages/core/src/flags.ts'],
    ])
  })

  it('reads adapter metadata: option paths, fixture default, options filled in', () => {
    const [adapter] = adapterPackages(root)
    expect(adapter!.adapter).toMatchObject({
      factory: 'vendor',
      vendor: 'v',
      fixture: 'v',
      keyOption: 'apiKey',
      hostOption: 'endpoint.url',
    })
    expect(secretCount(adapter!.adapter)).toBe(1)
    expect(adapterOptions(adapter!.adapter, { key: 'k', host: 'h' })).toEqual({ apiKey: 'k', endpoint: { url: 'h' } })
    expect(adapterOptions(adapter!.adapter, { key: 'k', host: 'h', secrets: ['s'] })).toEqual({
      apiKey: 'k',
      endpoint: { url: 'h' },
      personal: 's',
    })
  })

  it('refuses malformed adapter metadata, naming the package and the problem', () => {
    const bad: [unknown, RegExp][] = [
      [{ factory: 'f', vendor: 'v', options: { host: '$host' } }, /"\$key"/],
      [{ factory: 'f', vendor: 'v', options: { key: '$key' } }, /"\$host"/],
      [{ vendor: 'v', options: { key: '$key', host: '$host' } }, /"factory"/],
      [{ factory: 'f', vendor: 'v', options: { key: '$key', host: '$host' }, extra: 1 }, /unknown member "extra"/],
      [{ factory: 'f', vendor: 'v', options: { key: '$key', host: '$host' }, secretOptions: { s: 'plain' } }, /no "\$secret/],
    ]
    for (const [metadata, message] of bad) {
      write('vendor', { name: '@x/vendor', exports: exportsOf('index'), polytrack: { adapter: metadata } }, ['index.ts'])
      expect(() => adapterPackages(root)).toThrow(message)
      expect(() => adapterPackages(root)).toThrow(/@x\/vendor/)
    }
  })
})
