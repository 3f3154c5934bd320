import { PolytrackError, type PolytrackErrorCode } from '../errors.js'
import { describeThrown } from '../events/describe-thrown.js'
import { readFlagCallOptions } from './flag-call-options.js'
import type { FlagAnswer, FlagQuery, FlagSource, FlagValue } from './flag-source.js'

/** The message of what a source threw (never throws itself). */
function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? describeThrown(error.message) : describeThrown(error)
  } catch {
    return describeThrown(error)
  }
}

/** Options of the flag calls on the client (posthog-node's names). */
export interface FlagCallOptions {
  personProperties?: Record<string, unknown>
  groups?: Record<string, string>
  groupProperties?: Record<string, Record<string, unknown>>
  onlyEvaluateLocally?: boolean
}

/** What `getAllFlagsAndPayloads()` resolves with. */
export interface FlagsAndPayloads {
  featureFlags: Record<string, FlagValue>
  featureFlagPayloads: Record<string, unknown>
}

/**
 * The flag calls of `Analytics`, over its flag source. Nothing here throws or rejects: with no
 * source, a bad argument (including `options` that cannot be read) or a failing source, values
 * are `undefined` (or empty) and the problem is reported once through `report`.
 */
export class FlagClient {
  constructor(
    private readonly source: FlagSource | undefined,
    private readonly reportError: (error: PolytrackError) => void,
  ) {}

  /** Reports through the client; an `error` listener that throws cannot make a call reject. */
  private report(error: PolytrackError): void {
    try {
      this.reportError(error)
    } catch {
      // The host's own listener failed: nothing more can be said without risking the host.
    }
  }

  async getFlag(key: string, distinctId: string, options?: FlagCallOptions, sendEvents = true): Promise<FlagAnswer | undefined> {
    try {
      const query = this.query(distinctId, options, sendEvents)
      if (!query || !this.source) return undefined
      if (typeof key !== 'string' || key === '') {
        this.report(new PolytrackError('flags_invalid', 'flag key must be a non-empty string'))
        return undefined
      }
      return await this.source.getFlag(key, query)
    } catch (error) {
      this.report(new PolytrackError('flags_error', `evaluating flag ${describeThrown(key)} failed: ${messageOf(error)}`, { cause: error }))
      return undefined
    }
  }

  async getAll(distinctId: string, options?: FlagCallOptions): Promise<Record<string, FlagAnswer>> {
    try {
      const query = this.query(distinctId, options)
      if (!query || !this.source) return {}
      return await this.source.getAllFlags(query)
    } catch (error) {
      this.report(new PolytrackError('flags_error', `evaluating all flags failed: ${messageOf(error)}`, { cause: error }))
      return {}
    }
  }

  async getAllFlagsAndPayloads(distinctId: string, options?: FlagCallOptions): Promise<FlagsAndPayloads> {
    const all = await this.getAll(distinctId, options)
    // Built from entries: a flag called `__proto__` is an own key, not a prototype change.
    const values: [string, FlagValue][] = []
    const payloads: [string, unknown][] = []
    try {
      for (const [key, answer] of Object.entries(all)) {
        if (answer.value === undefined) continue
        values.push([key, answer.value])
        if (answer.payload !== undefined) payloads.push([key, answer.payload])
      }
    } catch (error) {
      this.report(new PolytrackError('flags_error', `reading the flags failed: ${messageOf(error)}`, { cause: error }))
    }
    return { featureFlags: Object.fromEntries(values), featureFlagPayloads: Object.fromEntries(payloads) }
  }

  async reload(): Promise<void> {
    try {
      await this.source?.reload()
    } catch (error) {
      this.report(new PolytrackError('flags_error', `reloading flags failed: ${messageOf(error)}`, { cause: error }))
    }
  }

  async close(): Promise<void> {
    try {
      await this.source?.close()
    } catch (error) {
      this.report(new PolytrackError('flags_error', `closing the flag source failed: ${messageOf(error)}`, { cause: error }))
    }
  }

  private query(distinctId: string, options: unknown, sendEvents = true): FlagQuery | undefined {
    if (!this.source) {
      this.reportOnce('flags_unavailable', 'no flag source: pass flags: localFlags({...}) or use a destination that provides flags')
      return undefined
    }
    if (typeof distinctId !== 'string' || distinctId === '') {
      this.report(new PolytrackError('flags_invalid', 'distinctId must be a non-empty string'))
      return undefined
    }
    const read = readFlagCallOptions(options)
    if (!read.ok) {
      this.report(new PolytrackError('flags_invalid', read.problem))
      return undefined
    }
    return { distinctId, ...read.fields, ...(sendEvents ? {} : { sendEvents: false }) }
  }

  private reported = false
  private reportOnce(code: PolytrackErrorCode, message: string): void {
    if (this.reported) return
    this.reported = true
    this.report(new PolytrackError(code, message))
  }
}
