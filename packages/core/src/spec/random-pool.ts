import { randomFill, randomFillSync } from 'node:crypto'

/** Bytes per buffer: random bits for 4,096 message ids (10 bytes each). */
const POOL_BYTES = 40_960

/**
 * Cryptographically random bytes for message ids, drawn from a buffer that is refilled in the
 * background: once half of the current buffer is used, the spare one is filled on libuv's thread
 * pool (`crypto.randomFill`), so a `track()` call never waits on the kernel's random source. (Node's
 * own `randomUUID()` refills its cache synchronously every 128 ids, which measured as a 10–20 µs
 * call on this project's VMs.) Falls back to a synchronous fill only when the spare is not ready.
 */
export class RandomPool {
  private current: Buffer = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES))
  private spare: Buffer | undefined = Buffer.allocUnsafeSlow(POOL_BYTES)
  private ready = false
  private filling = false
  private offset = 0

  /** `n` random bytes as lowercase hex (`n` ≤ 64). */
  hex(n: number): string {
    if (this.offset + n > POOL_BYTES) this.swap()
    const start = this.offset
    this.offset += n
    if (this.offset * 2 >= POOL_BYTES && !this.ready && !this.filling) this.refill()
    return this.current.toString('hex', start, start + n)
  }

  private refill(): void {
    const spare = this.spare
    if (spare === undefined) return
    this.filling = true
    randomFill(spare, (error) => {
      this.filling = false
      if (error === null) this.ready = true
    })
  }

  private swap(): void {
    const used = this.current
    if (this.ready && this.spare !== undefined) {
      this.current = this.spare
    } else {
      // The background fill has not finished (or failed): fill a fresh buffer now.
      this.current = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES))
      if (this.filling) {
        // The pending fill still writes into the spare; keep it and do not reuse `used` until then.
        this.offset = 0
        return
      }
    }
    this.spare = used
    this.ready = false
    this.offset = 0
  }
}
