import { hexOf } from '../platform/hex.js'
import { nodeBuiltin } from '../platform/node-builtin.js'

/** Bytes per buffer: random bits for 4,096 message ids (10 bytes each). Under Web Crypto's 65,536-byte limit per call. */
const POOL_BYTES = 40_960

/** `node:crypto`'s asynchronous fill (libuv's thread pool), where the runtime has it. */
const randomFill = nodeBuiltin('node:crypto')?.randomFill

function filledNow(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES))
}

/**
 * Cryptographically random bytes for message ids, drawn from a buffer that is refilled in the
 * background where the runtime can (`crypto.randomFill` on Node, Bun and Deno): once half of the
 * current buffer is used, the spare one is filled on the thread pool, so a `track()` call never
 * waits on the kernel's random source. (Node's own `randomUUID()` refills its cache synchronously
 * every 128 ids, which measured as a 10–20 µs call on this project's VMs.) Elsewhere, and when the
 * spare is not ready, a buffer is filled synchronously with Web Crypto's `getRandomValues`. The
 * first buffer is filled on first use, not when the module loads: workerd refuses random values
 * in a module's global scope.
 */
export class RandomPool {
  private current: Uint8Array | undefined
  private spare: Uint8Array | undefined = new Uint8Array(POOL_BYTES)
  private ready = false
  private filling = false
  private offset = POOL_BYTES

  /** `n` random bytes as lowercase hex (`n` ≤ 64). */
  hex(n: number): string {
    if (this.offset + n > POOL_BYTES) this.swap()
    const start = this.offset
    this.offset += n
    if (this.offset * 2 >= POOL_BYTES && !this.ready && !this.filling) this.refill()
    return hexOf(this.current as Uint8Array, start, start + n)
  }

  private refill(): void {
    const spare = this.spare
    if (spare === undefined || randomFill === undefined) return
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
      // First use, no background fill here, or it has not finished (or failed): fill a fresh buffer now.
      this.current = filledNow()
      if (this.filling || used === undefined) {
        // A pending fill still writes into the spare; keep it and do not reuse `used` until then.
        this.offset = 0
        return
      }
    }
    this.spare = used
    this.ready = false
    this.offset = 0
  }
}
