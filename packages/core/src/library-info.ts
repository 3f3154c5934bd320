import type { LibraryInfo } from './spec/message.js'

/** Name and version of this package, sent as `context.library` (kept equal to package.json by a test). */
export const LIBRARY: LibraryInfo = Object.freeze({ name: '@polytrack/core', version: '0.1.0' })
