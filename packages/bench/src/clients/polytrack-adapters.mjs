/**
 * Polytrack with the adapters named in BENCH_ADAPTERS (folders under packages/, comma-separated),
 * each built from its package.json metadata (`polytrack.adapter`) and pointed at its sink route;
 * several go through multiplex.
 */
import { adapterOptions, adapterPackages } from '@polytrack/adapter-conformance/workspace'
import { BENCH_KEY, runPolytrack } from './polytrack-runner.mjs'

const all = adapterPackages()
const chosen = (process.env.BENCH_ADAPTERS ?? '')
  .split(',')
  .filter(Boolean)
  .map((dir) => {
    const pkg = all.find((p) => p.dir === dir)
    if (!pkg) throw new Error(`BENCH_ADAPTERS: no adapter package ${dir} (adapters: ${all.map((p) => p.dir).join(', ')})`)
    return pkg
  })
if (chosen.length === 0) throw new Error('BENCH_ADAPTERS names no adapter')
const several = chosen.length > 1

await runPolytrack({
  packages: [...(several ? [['@polytrack/multiplex', 'multiplex']] : []), ...chosen.map((p) => [p.manifest.name, p.adapter.factory])],
  makeDestination: (mods, url) => {
    const factories = several ? mods.slice(1) : mods
    const destinations = chosen.map((p, i) =>
      factories[i](adapterOptions(p.adapter, { key: BENCH_KEY, host: `${url}/${p.adapter.vendor}` })),
    )
    return several ? mods[0](destinations) : destinations[0]
  },
})
