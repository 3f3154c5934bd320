/** The esbuild build options every edge bundle shares (a subset of esbuild's `BuildOptions`). */
export interface EdgeBuildOptions {
  bundle: true
  format: 'esm'
  platform: 'neutral'
  target: 'es2022'
  /** wrangler's import conditions: `workerd`, `worker`, `browser`. */
  conditions: string[]
  /** `module`, then `main`. */
  mainFields: string[]
  logLevel: 'silent'
}

/**
 * The esbuild options every edge bundle shares, as a new object on each call (the caller adds
 * entry points, output, `external`, `minify`, `define`): bundled, ESM, `platform: 'neutral'`,
 * target ES2022, conditions `workerd`, `worker`, `browser` (wrangler's), main fields `module` then
 * `main`, and esbuild's own logging off (the caller reports build errors).
 */
export function edgeBuildOptions(): EdgeBuildOptions
