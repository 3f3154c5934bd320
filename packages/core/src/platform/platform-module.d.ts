// `#platform` is resolved when the package is loaded, by its import conditions (package.json
// "imports": the node, bun, deno or edge build in dist/). Every build exports the same thing; this
// declaration types it for the compiler before dist/ exists. (Not a tsconfig `paths` entry: Bun
// applies those at run time, and would load the Node build's source instead of its own.)
declare module '#platform' {
  export const platform: import('./platform-types.js').Platform
}
