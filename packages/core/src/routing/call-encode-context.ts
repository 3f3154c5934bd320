import type { EncodeContext } from '../destination.js'
import type { Message } from '../spec/message.js'

/**
 * The encode context of one call: its time, whether the caller backfilled `timestamp`, and the
 * message's JSON text, serialized on first use and reused by every destination that encodes the
 * same message object (a middleware's copy is a different object and is serialized apart).
 */
export class CallEncodeContext implements EncodeContext {
  private lastMessage: Message | undefined
  private lastJson = ''

  constructor(
    readonly callTime: string,
    readonly timestampGiven: boolean,
  ) {}

  /** `JSON.stringify(message)`, computed once per message object. */
  messageJson(message: Message): string {
    if (message !== this.lastMessage) {
      this.lastJson = JSON.stringify(message)
      this.lastMessage = message
    }
    return this.lastJson
  }
}
