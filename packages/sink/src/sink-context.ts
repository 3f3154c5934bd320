/**
 * The state shared by the request handlers of one sink.
 */
import type { FaultQueue } from './fault-queue.js'
import type { FlagStore } from './flag-store.js'
import type { FlagOptions } from './flag-types.js'
import type { Recorder } from './recorder.js'
import type { VendorLimits, VendorName } from './types.js'
import type { VendorTable } from './vendor-declaration.js'
import { VENDOR_DECLARATIONS } from './vendors.js'

/** State and settings the handlers use. Created once per sink. */
export interface SinkContext {
  recorder: Recorder
  faults: FaultQueue
  keys: Partial<Record<VendorName, readonly string[]>>
  limits: Partial<Record<VendorName, VendorLimits>>
  /** The flag definitions served (changed by `setFlagDefinitions`). */
  flags: FlagStore
  /** Bearer keys and the remote evaluator of the flag routes. */
  flagOptions: Pick<FlagOptions, 'personalApiKeys' | 'evaluate'>
  /** Aborted when the sink closes; cancels pending delays. */
  closing: AbortSignal
  /** Writes one log line, when logging is on. */
  log?: (line: string) => void
  /** The vendors served. Default: the built-in declarations ({@link VENDOR_DECLARATIONS}). */
  vendors?: VendorTable
}

/** The vendors `ctx` serves. */
export function vendorsOf(ctx: SinkContext): VendorTable {
  return ctx.vendors ?? VENDOR_DECLARATIONS
}
