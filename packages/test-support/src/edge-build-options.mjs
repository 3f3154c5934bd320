// How wrangler bundles a Cloudflare Worker (and Vercel an Edge function): esbuild, ESM for a
// neutral platform, with the workerd / worker / browser import conditions. The benchmark's edge
// bundle sizes and the runtime smoke test's workerd worker are built with these options.
// Plain JavaScript, so that the benchmark (run by node, no build) imports it too.

/**
 * The esbuild options every edge bundle shares, as a new object on each call (the caller adds
 * entry points, output, `external`, `minify`, `define`): bundled, ESM, `platform: 'neutral'`,
 * target ES2022, conditions `workerd`, `worker`, `browser` (wrangler's), main fields `module` then
 * `main`, and esbuild's own logging off (the caller reports build errors).
 * @returns {import('./edge-build-options.d.mts').EdgeBuildOptions}
 */
export function edgeBuildOptions() {
  return {
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  }
}
