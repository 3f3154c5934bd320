/**
 * Decoding an ingestion body once it has been read: gunzip (bounded to 4× the batch limit), the
 * vendor's batch limit, then JSON or text. Problems are returned as data ({@link BodyProblem});
 * each protocol words its own answer ({@link SinkProtocol.refuseBody}). No I/O besides
 * decompression.
 */
import { gunzipBounded } from './read-body.js'

/** Why a body could not be handed to a protocol's parser. */
export type BodyProblem =
  /** More than twice the batch limit arrived on the wire; reading stopped. */
  | { kind: 'request-too-large' }
  /** The gzip body inflates past 4× the batch limit. */
  | { kind: 'inflated-too-large' }
  | { kind: 'invalid-gzip' }
  /** The (decompressed) body is over the vendor's batch limit. */
  | { kind: 'over-limit'; bytes: number; limit: number }
  /** A `json` protocol's body does not parse; `error` is the parser's message. */
  | { kind: 'invalid-json'; error: string }

/** What a protocol's parser receives: the parsed JSON value, or the body as UTF-8 text. */
export type BodyForm = 'json' | 'text'

/** Result of {@link decodeBody}: the body in the asked form, or the problem. */
export type DecodedBody = { ok: true; body: unknown } | { ok: false; problem: BodyProblem }

/** The status, code and message of a {@link BodyProblem}, as the sink words it. */
export interface BodyProblemText {
  status: number
  code: string
  message: string
}

/**
 * Decompresses `raw` when `gzip` (refusing to inflate past `4 × batchBytes`), enforces
 * `batchBytes` on the result, and returns it as parsed JSON or as text.
 */
export async function decodeBody(raw: Buffer, gzip: boolean, batchBytes: number, form: BodyForm): Promise<DecodedBody> {
  let body = raw
  if (gzip) {
    const inflated = await gunzipBounded(raw, batchBytes * 4)
    if (!inflated.ok) return { ok: false, problem: { kind: inflated.reason === 'too-large' ? 'inflated-too-large' : 'invalid-gzip' } }
    body = inflated.body
  }
  if (body.length > batchBytes) return { ok: false, problem: { kind: 'over-limit', bytes: body.length, limit: batchBytes } }
  const text = body.toString('utf8')
  if (form === 'text') return { ok: true, body: text }
  try {
    return { ok: true, body: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, problem: { kind: 'invalid-json', error: (error as Error).message } }
  }
}

/** The sink's wording of a body problem (413 for sizes, 400 otherwise). Pure. */
export function bodyProblemText(problem: BodyProblem): BodyProblemText {
  switch (problem.kind) {
    case 'request-too-large':
      return { status: 413, code: 'payload_too_large', message: 'request body is too large' }
    case 'inflated-too-large':
      return { status: 413, code: 'payload_too_large', message: 'decompressed body is too large' }
    case 'invalid-gzip':
      return { status: 400, code: 'invalid_gzip', message: 'body is not valid gzip' }
    case 'over-limit':
      return { status: 413, code: 'payload_too_large', message: `body is ${problem.bytes} bytes; the limit is ${problem.limit}` }
    case 'invalid-json':
      return { status: 400, code: 'invalid_json', message: `body is not valid JSON: ${problem.error}` }
  }
}
