/** A RESP2 reply: strings (simple or bulk), integers, `null` (nil), arrays, or an error reply. */
export type RespValue = string | number | null | RespValue[] | RespError

/** An error reply from the server (`-ERR ...`). */
export class RespError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RespError'
  }
}

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | number)[]): Buffer {
  let size = 0
  const parts: Buffer[] = []
  const head = Buffer.from(`*${args.length}\r\n`)
  parts.push(head)
  size += head.length
  for (const arg of args) {
    const value = Buffer.from(String(arg), 'utf8')
    const prefix = Buffer.from(`$${value.length}\r\n`)
    parts.push(prefix, value, CRLF)
    size += prefix.length + value.length + 2
  }
  return Buffer.concat(parts, size)
}

const CRLF = Buffer.from('\r\n')
const INCOMPLETE = Symbol('incomplete')

/**
 * An incremental RESP2 parser: `feed` chunks as they arrive, get every complete reply back. A reply
 * split across chunks is kept until it is complete. Protocol violations throw (the caller drops the
 * connection).
 */
export class RespParser {
  private buffer: Buffer = Buffer.alloc(0)
  private offset = 0

  feed(chunk: Buffer): RespValue[] {
    this.buffer = this.offset < this.buffer.length ? Buffer.concat([this.buffer.subarray(this.offset), chunk]) : chunk
    this.offset = 0
    const out: RespValue[] = []
    for (;;) {
      const start = this.offset
      const value = this.parse()
      if (value === INCOMPLETE) {
        this.offset = start
        break
      }
      out.push(value)
    }
    return out
  }

  /** Bytes received but not yet part of a complete reply. */
  get buffered(): number {
    return this.buffer.length - this.offset
  }

  private line(): string | typeof INCOMPLETE {
    const end = this.buffer.indexOf(CRLF, this.offset)
    if (end === -1) return INCOMPLETE
    const text = this.buffer.toString('utf8', this.offset, end)
    this.offset = end + 2
    return text
  }

  private parse(): RespValue | typeof INCOMPLETE {
    if (this.offset >= this.buffer.length) return INCOMPLETE
    const type = this.buffer[this.offset]
    this.offset++
    const text = this.line()
    if (text === INCOMPLETE) return INCOMPLETE
    switch (type) {
      case 0x2b: // +
        return text
      case 0x2d: // -
        return new RespError(text)
      case 0x3a: // :
        return Number(text)
      case 0x24: {
        // $
        const length = Number(text)
        if (!Number.isInteger(length) || length < -1) throw new Error(`bad RESP bulk length ${text}`)
        if (length === -1) return null
        if (this.offset + length + 2 > this.buffer.length) return INCOMPLETE
        const value = this.buffer.toString('utf8', this.offset, this.offset + length)
        this.offset += length + 2
        return value
      }
      case 0x2a: {
        // *
        const count = Number(text)
        if (!Number.isInteger(count) || count < -1) throw new Error(`bad RESP array length ${text}`)
        if (count === -1) return null
        const items: RespValue[] = []
        for (let i = 0; i < count; i++) {
          const item = this.parse()
          if (item === INCOMPLETE) return INCOMPLETE
          items.push(item)
        }
        return items
      }
      default:
        throw new Error(`bad RESP type byte ${String(type)}`)
    }
  }
}
