import { nodeBuiltin } from '../platform/node-builtin.js'
import { pureSha1Hex } from './sha1.js'
import { pureSha256Hex } from './sha256.js'

type HexDigest = (text: string) => string

const crypto = nodeBuiltin('node:crypto')

/** `node:crypto`'s digest of the UTF-8 text as hex: one-shot `crypto.hash` where available (Node ≥ 20.12), else a Hash object. */
function nodeDigest(node: NonNullable<typeof crypto>, algorithm: 'sha1' | 'sha256'): HexDigest {
  if (typeof (node as { hash?: unknown }).hash === 'function') return (text) => node.hash(algorithm, text, 'hex')
  return (text) => node.createHash(algorithm).update(text, 'utf8').digest('hex')
}

/**
 * Where the digests come from: `node:crypto` where the runtime has it (Node, Bun, Deno, workerd
 * with `nodejs_compat`), else the plain-JavaScript implementations (same answers).
 */
export const DIGEST_SOURCE: 'node:crypto' | 'javascript' = crypto ? 'node:crypto' : 'javascript'

/** SHA-1 of the UTF-8 bytes of `text`, 40 lowercase hex digits. Synchronous on every runtime. Pure. */
export const sha1Hex: HexDigest = crypto ? nodeDigest(crypto, 'sha1') : pureSha1Hex

/** SHA-256 of the UTF-8 bytes of `text`, 64 lowercase hex digits. Synchronous on every runtime. Pure. */
export const sha256Hex: HexDigest = crypto ? nodeDigest(crypto, 'sha256') : pureSha256Hex
