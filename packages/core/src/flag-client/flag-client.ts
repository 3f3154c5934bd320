import { PolytrackError } from '../errors.js'
import type { FlagAnswer, FlagQuery, FlagSource, FlagValue } from './flag-source.js'

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
 * source, a bad argument or a failing source, values are `undefined` (or empty) and the problem
 * is reported once through `report`.
 */
export class FlagClient {
  constructor(
    private readonly source: FlagSource | undefined,
    private readonly report: (error: PolytrackError) => void,
  ) {}

  async getFlag(key: string, distinctId: string, options?: FlagCallOptions, sendEvents = true): Promise<FlagAnswer | undefined> {
    const query = this.query(distinctId, options, sendEvents)
    if (!query || !this.source) return undefined
    if (typeof key !== 'string' || key === '') {
      this.report(new PolytrackError('flags_invalid', 'flag key must be a non-empty string'))
      return undefined
    }
    try {
      return await this.source.getFlag(key, query)
    } catch (error) {
      this.report(new PolytrackError('flags_error', `evaluating flag ${key} failed: ${(error as Error).message}`, { cause: error }))
      return undefined
    }
  }

  async getAll(distinctId: string, options?: FlagCallOptions): Promise<Record<string, FlagAnswer>> {
    const query = this.query(distinctId, options)
    if (!query || !this.source) return {}
    try {
      return await this.source.getAllFlags(query)
    } catch (error) {
      this.report(new PolytrackError('flags_error', `evaluating all flags failed: ${(error as Error).message}`, { cause: error }))
      return {}
    }
  }

  async getAllFlagsAndPayloads(distinctId: string, options?: FlagCallOptions): Promise<FlagsAndPayloads> {
    const all = await this.getAll(distinctId, options)
    const result: FlagsAndPayloads = { featureFlags: {}, featureFlagPayloads: {} }
    for (const [key, answer] of Object.entries(all)) {
      if (answer.value === undefined) continue
      result.featureFlags[key] = answer.value
      if (answer.payload !== undefined) result.featureFlagPayloads[key] = answer.payload
    }
    return result
  }

  async reload(): Promise<void> {
    try {
      await this.source?.reload()
    } catch (error) {
      this.report(new PolytrackError('flags_error', `reloading flags failed: ${(error as Error).message}`, { cause: error }))
    }
  }

  async close(): Promise<void> {
    try {
      await this.source?.close()
    } catch (error) {
      this.report(new PolytrackError('flags_error', `closing the flag source failed: ${(error as Error).message}`, { cause: error }))
    }
  }

  private query(distinctId: string, options: FlagCallOptions = {}, sendEvents = true): FlagQuery | undefined {
    if (!this.source) {
      this.reportOnce('flags_unavailable', 'no flag source: pass flags: localFlags({...}) or use a destination that provides flags')
      return undefined
    }
    if (typeof distinctId !== 'string' || distinctId === '') {
      this.report(new PolytrackError('flags_invalid', 'distinctId must be a non-empty string'))
      return undefined
    }
    return {
      distinctId,
      ...(options.personProperties ? { personProperties: options.personProperties } : {}),
      ...(options.groups ? { groups: options.groups } : {}),
      ...(options.groupProperties ? { groupProperties: options.groupProperties } : {}),
      ...(options.onlyEvaluateLocally === undefined ? {} : { onlyEvaluateLocally: options.onlyEvaluateLocally }),
      ...(sendEvents ? {} : { sendEvents: false }),
    }
  }

  private reported = false
  private reportOnce(code: string, message: string): void {
    if (this.reported) return
    this.reported = true
    this.report(new PolytrackError(code, message))
  }
}
