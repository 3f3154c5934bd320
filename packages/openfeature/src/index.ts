export { PolytrackProvider } from './polytrack-provider.js'
export { contextToQuery } from './context-to-query.js'
export { toResolution, type FlagType } from './to-resolution.js'
