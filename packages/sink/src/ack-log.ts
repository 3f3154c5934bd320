/**
 * `@polytrack/sink/ack-log`: the log a crash-test child keeps of what it sent, so that a test can
 * kill it with SIGKILL and still know which messages it must find delivered. The child appends
 * `A <id>` for a message whose `track()` returned (and was not dropped), `X <id>` for a dropped
 * one, `D <id>` for one reported delivered, and `END` once it is done, with synchronous writes (a
 * SIGKILL loses nothing written). Node only.
 *
 * @packageDocumentation
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs'

/** What a child recorded. `acked` leaves out the ids also dropped. */
export interface AckLog {
  acked: Set<string>
  dropped: Set<string>
  delivered: Set<string>
}

/** Reads an ack log (empty sets when the file is not there yet). */
export function readAckLog(path: string): AckLog {
  const log: AckLog = { acked: new Set(), dropped: new Set(), delivered: new Set() }
  if (!existsSync(path)) return log
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [kind, id] = line.split(' ')
    if (id === undefined) continue
    if (kind === 'A') log.acked.add(id)
    else if (kind === 'X') log.dropped.add(id)
    else if (kind === 'D') log.delivered.add(id)
  }
  for (const id of log.dropped) log.acked.delete(id)
  return log
}

/** The part of a Polytrack client the sender uses (this package does not depend on core). */
export interface AckedClient {
  /** Subscribes to the client's `dropped` and `delivered` events. */
  on(event: 'dropped' | 'delivered', listener: (event: { messageIds: readonly string[] }) => void): unknown
  /** Queues one track call. */
  track(params: { userId: string; event: string; messageId: string; properties: Record<string, unknown> }): void
}

/** Options of {@link sendWithAcks}. */
export interface SendWithAcksOptions {
  /** The ack log to append to. */
  ackFile: string
  /** How many messages; their ids are `${run}-${i}`. */
  count: number
  run: string
  /** Awaited after each chunk of 100, before its ids are recorded as accepted. */
  beforeRecord?: () => Promise<void>
  /** Awaited after each chunk of 100 is recorded. */
  afterRecord?: () => Promise<void>
}

/**
 * Sends `count` messages in chunks of 100 and keeps the ack log of them, then writes `END`.
 * Every message is a `Crash Test` track of about 200 bytes.
 */
export async function sendWithAcks(client: AckedClient, options: SendWithAcksOptions): Promise<void> {
  const { count, run } = options
  const ack = openSync(options.ackFile, 'a')
  const dropped = new Set<string>()
  client.on('dropped', (d) => {
    for (const id of d.messageIds) dropped.add(id)
    writeSync(ack, d.messageIds.map((id) => `X ${id}\n`).join(''))
  })
  client.on('delivered', (d) => writeSync(ack, d.messageIds.map((id) => `D ${id}\n`).join('')))
  for (let i = 0; i < count;) {
    const ids: string[] = []
    for (const end = Math.min(count, i + 100); i < end; i++) {
      const messageId = `${run}-${i}`
      client.track({ userId: `u${i % 13}`, event: 'Crash Test', messageId, properties: { i, pad: 'x'.repeat(200) } })
      if (!dropped.has(messageId)) ids.push(messageId)
    }
    await options.beforeRecord?.()
    writeSync(ack, ids.map((id) => `A ${id}\n`).join(''))
    await options.afterRecord?.()
  }
  writeSync(ack, 'END\n')
  closeSync(ack)
}
