// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient declaration of #platform, which no import can name
/// <reference path="./platform-module.d.ts" />
// The one import of `#platform`: what differs between runtimes, resolved when the package is
// loaded by its import conditions (package.json "imports"). The reference above types it in every
// program that compiles core's sources, before dist/ exists.
import { platform as loaded } from '#platform'
import type { Platform } from './platform-types.js'

/** This runtime's build of the runtime-specific module (see {@link Platform}). */
export const platform: Platform = loaded
