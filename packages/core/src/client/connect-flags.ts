import type { EmitFn } from '../delivery/delivery-pipeline.js'
import type { Transport } from '../delivery/http-transport.js'
import { ConfigError, type PolytrackError } from '../errors.js'
import { FlagClient } from '../flag-client/flag-client.js'
import { maskError } from './mask-error.js'
import type { FlagSource } from '../flag-client/flag-source.js'
import type { Lane } from '../routing/plan-delivery.js'
import type { TrackParams } from '../spec/call-params.js'

/** A client's flags: the calls' client, and what to release at close. */
export interface ConnectedFlags {
  client: FlagClient
  /** Closes the flag source, and the transport the flags had of their own (if any). Never rejects. */
  close(): Promise<void>
}

/**
 * Finds the client's flag source (`flags`, else the first destination that provides flags) and
 * attaches it: its errors become `error` events (with `clientSecrets` masked), its events go through `capture`, and its HTTP
 * goes through the providing destination's transport, or a transport of its own when the source
 * was passed as `flags` (one HTTP layer: no global `fetch`). Throws a `ConfigError` naming `flags`
 * when the source's `attach` throws.
 */
export function connectFlags(
  flags: FlagSource | undefined,
  lanes: readonly Lane[],
  emit: EmitFn,
  capture: (params: TrackParams, target?: { destination?: string }) => void,
  ownTransport: () => Transport,
  clientSecrets: readonly string[] = [],
): ConnectedFlags {
  const provider = flags ? undefined : lanes.find((lane) => lane.member.destination.flags)
  const source = flags ?? provider?.member.destination.flags
  // The source masks its own keys; the client's others (its proxy's credentials) are masked here.
  const reportError = (error: PolytrackError) => emit('error', { error: maskError(error, clientSecrets), messageIds: [] })
  const client = new FlagClient(source, reportError)
  let own: Transport | undefined
  const transport = (): Transport => provider?.pipeline.transport ?? (own ??= ownTransport())
  try {
    source?.attach(
      {
        reportError,
        capture,
        exchange: (request, options) => transport().exchange(request, options),
      },
      provider?.member.name,
    )
  } catch {
    // What it threw is not quoted: a flag source's own text may hold its keys.
    throw new ConfigError('flags', 'could not be attached: its attach() threw')
  }
  return {
    client,
    async close() {
      await client.close().catch(() => undefined)
      await own?.close().catch(() => undefined)
    },
  }
}
