import type { Message } from '@polytrack/core'

const NODE_VERSION = process.versions.node

/**
 * Translates a Segment-spec message into RudderStack's event as rudder-sdk-node builds it:
 * the spec fields plus `channel: "server"`, `originalTimestamp`, `_metadata.nodeVersion`, and,
 * for identify, the traits copied into `context.traits`. The per-message `sentAt` is added when
 * the request is built. Pure.
 */
export function toRudderStackMessage(message: Message): Record<string, unknown> {
  const context =
    message.type === 'identify' ? { ...message.context, traits: message.traits } : message.context
  return {
    ...message,
    context,
    channel: 'server',
    originalTimestamp: message.timestamp,
    _metadata: { nodeVersion: NODE_VERSION },
  }
}

/** Encodes one message as the JSON text of a batch item; {@link withSentAt} stamps it when sent. */
export function encodeRudderStackMessage(message: Message): string {
  return JSON.stringify(toRudderStackMessage(message))
}

/** Adds the per-message `sentAt` that RudderStack's SDK stamps at flush time. */
export function withSentAt(item: string, sentAt: string): string {
  return `${item.slice(0, -1)},"sentAt":"${sentAt}"}`
}
