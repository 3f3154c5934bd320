/**
 * Bounded reading and decompression of request bodies.
 */
import type { IncomingMessage } from 'node:http'
import { gunzip } from 'node:zlib'

/** Result of {@link readBody}. */
export type ReadResult =
  | { ok: true; body: Buffer; bytes: number }
  /** The body exceeded the cap; reading stopped after `bytes` bytes. */
  | { ok: false; bytes: number }

/**
 * Reads the whole body of `req`, stopping once more than `maxBytes` arrive (or when the declared
 * `Content-Length` is already over). Rejects when the client goes away mid-body.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, bytes: 0 })
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let bytes = 0
    const cleanup = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length
      if (bytes <= maxBytes) {
        chunks.push(chunk)
        return
      }
      cleanup()
      resolve({ ok: false, bytes })
    }
    const onEnd = (): void => {
      cleanup()
      resolve({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, bytes), bytes })
    }
    const onError = (error: Error): void => {
      cleanup()
      reject(error)
    }
    const onClose = (): void => {
      cleanup()
      reject(new Error('client closed the connection before the body was read'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

/** Result of {@link gunzipBounded}. */
export type GunzipResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'invalid' }

/** Decompresses `data`, refusing to produce more than `maxBytes`. */
export function gunzipBounded(data: Buffer, maxBytes: number): Promise<GunzipResult> {
  return new Promise((resolve) => {
    gunzip(data, { maxOutputLength: maxBytes }, (error, body) => {
      if (error === null) resolve({ ok: true, body })
      else resolve({ ok: false, reason: (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'invalid' })
    })
  })
}
