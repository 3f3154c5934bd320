import { platform } from '../platform/current-platform.js'
import type { AnalyticsOptions } from '../analytics-options.js'
import { systemClock } from '../delivery/clock.js'
import { DeliveryPipeline, type EmitFn } from '../delivery/delivery-pipeline.js'
import type { ResolvedProxy } from '../delivery/proxy-setting.js'
import { currentSettingNames, resolveSettings, type PipelineSettings } from '../delivery/settings.js'
import { membersOf } from '../destination-set.js'
import type { AnalyticsEvents } from '../events/event-types.js'
import type { Lane } from '../routing/plan-delivery.js'
import { resolveSpool } from '../spool/resolve-spool.js'
import type { LaneListener, Spool } from '../spool/spool-types.js'

/** A client's lanes, wired: one pipeline per destination, on the spool when there is one. */
export interface AssembledLanes {
  lanes: Lane[]
  spool: Spool | undefined
  /** The largest per-message limit of any destination (bounds what validation will walk). */
  maxMessageBytes: number
  /** The largest `maxQueueSize` of any destination. */
  maxQueueSize: number
}

/**
 * Validates the destination(s) and their settings, opens the spool, and builds one pipeline per
 * destination with its transport (through `proxy`, unless `transport` replaces it) and spool lane. Throws a `ConfigError` for anything that cannot
 * work, having released what it had opened (the spool's lock, timers).
 */
export function assembleLanes(
  options: AnalyticsOptions,
  proxy: ResolvedProxy,
  emit: EmitFn,
  hasListener: (event: keyof AnalyticsEvents) => boolean,
): AssembledLanes {
  const members = membersOf(options.destination)
  // Each layer under its current names first, so that a member's new name overrides the client's old one.
  const client = currentSettingNames(options)
  const settings = members.map((member) =>
    resolveSettings({ ...client, ...currentSettingNames(member.settings ?? {}, 'settings.') }, member.destination),
  )
  // Last, because it may take a lock: every option above is already valid.
  const spool = resolveSpool(options.spool)
  const lanes: Lane[] = []
  try {
    members.forEach((member, i) => {
      const { destination } = member
      const laneSettings = settings[i] as PipelineSettings
      const transport = options.transport
        ? options.transport(destination, laneSettings)
        : platform.createDefaultTransport({ connections: laneSettings.maxInFlight, proxy })
      const openLane = spool ? (listener: LaneListener) => spool.openLane(member.name, listener) : undefined
      const pipeline = new DeliveryPipeline(member.name, destination, laneSettings, {
        transport,
        clock: systemClock,
        emit,
        hasListener,
        clientSecrets: proxy.secrets,
        ...(openLane ? { openLane } : {}),
      })
      lanes.push({
        member,
        pipeline,
        target: { name: member.name, kind: destination.kind, integrationNames: destination.integrationNames ?? [] },
      })
    })
  } catch (error) {
    releaseLanes({ lanes, spool })
    throw error
  }
  return {
    lanes,
    spool,
    maxMessageBytes: Math.max(...members.map((m) => m.destination.limits.messageBytes)),
    maxQueueSize: Math.max(...settings.map((s) => s.maxQueueSize)),
  }
}

/**
 * Releases what {@link assembleLanes} opened, for a client whose construction failed after it: the
 * pipelines' timers and transports, and the spool (its lock). Never throws; what it starts is not awaited.
 */
export function releaseLanes({ lanes, spool }: Pick<AssembledLanes, 'lanes' | 'spool'>): void {
  for (const lane of lanes) void lane.pipeline.release()
  void spool?.close().catch(() => undefined)
}
