// Finding a key where it must not be: every spelling a key can take, everything observable about a
// value, everything a piece of code writes to the console, and servers that echo keys back. Used by
// the kit's secrets suite and by packages/reliability's secrets tests. Written independently of the
// core's masking (secretForms), so that a spelling the core forgets is caught here.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import { gunzipSync } from 'node:zlib'

const b64 = (text: string) => Buffer.from(text).toString('base64')
const b64url = (text: string) => Buffer.from(text).toString('base64url')
const unpadded = (text: string) => text.replace(/=+$/, '')

/**
 * Every spelling of each key that decodes back to it: itself, URL-encoded, and the Base64 and
 * base64url forms of the key and of its HTTP Basic form `key:` (unpadded forms also match padded ones).
 */
export function secretNeedles(secrets: readonly string[]): string[] {
  return [
    ...new Set(
      secrets.flatMap((s) => [
        s,
        encodeURIComponent(s),
        unpadded(b64(`${s}:`)),
        unpadded(b64url(`${s}:`)),
        unpadded(b64(s)),
        unpadded(b64url(s)),
      ]),
    ),
  ]
}

/** The needles of `secrets` found in `text`. */
export function leakedNeedles(text: string, secrets: readonly string[]): string[] {
  return secretNeedles(secrets).filter((needle) => text.includes(needle))
}

/** Everything observable about a value: JSON, util.inspect, and for errors message/stack/cause. */
export function expose(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || typeof value !== 'object' || seen.has(value)) return String(value)
  seen.add(value)
  let out = inspect(value, { depth: 20, showHidden: true, getters: true })
  if (value instanceof Error) {
    out += `\n${value.name}\n${value.message}\n${value.stack}\n${JSON.stringify(value)}\n${expose(value.cause, seen)}`
    for (const key of Object.keys(value)) out += `\n${key}=${expose((value as unknown as Record<string, unknown>)[key], seen)}`
  } else {
    try {
      out += `\n${JSON.stringify(value)}`
    } catch {
      // cycles: inspect covered it
    }
    for (const v of Object.values(value)) out += `\n${expose(v, seen)}`
  }
  return out
}

/** Captures console, stdout/stderr writes and process warnings while `work` runs. */
export async function captureOutput(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = []
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const
  const saved = methods.map((m) => console[m])
  const savedOut = process.stdout.write.bind(process.stdout)
  const savedErr = process.stderr.write.bind(process.stderr)
  const onWarning = (w: Error) => chunks.push(expose(w))
  for (const m of methods) console[m] = (...args: unknown[]) => void chunks.push(args.map((a) => expose(a)).join(' '))
  process.stdout.write = ((c: unknown) => (chunks.push(String(c)), true)) as typeof process.stdout.write
  process.stderr.write = ((c: unknown) => (chunks.push(String(c)), true)) as typeof process.stderr.write
  process.on('warning', onWarning)
  try {
    await work()
    await new Promise((r) => setTimeout(r, 20)) // warnings are emitted on the next tick
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i] as (typeof console)[typeof m]))
    process.stdout.write = savedOut
    process.stderr.write = savedErr
    process.off('warning', onWarning)
  }
  return chunks.join('\n')
}

/** A local HTTP server a test points an adapter at. */
export interface EchoServer {
  url: string
  close(): Promise<void>
}

/** Starts an HTTP server on 127.0.0.1 (random port) answering with `handler`, given the raw body. */
export function startTestServer(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): Promise<EchoServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, res, Buffer.concat(chunks)))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

/**
 * A vendor that echoes the credentials of each request back with `status`, in every spelling: the
 * decoded Basic user in the message and a `WWW-Authenticate` realm, the Authorization header as
 * sent and URL-encoded, its token unpadded and as base64url, the user Base64-encoded and
 * JSON-escaped twice, the request line's URL URL-encoded, all headers, and the body (gunzipped) as
 * is and URL-encoded.
 */
export function startKeyEchoServer(status: number): Promise<EchoServer> {
  return startTestServer((req, res, raw) => {
    let body = raw
    try {
      if (/gzip/.test(req.headers['content-encoding'] ?? '')) body = gunzipSync(raw)
    } catch {
      // not gzip after all
    }
    const auth = req.headers.authorization ?? ''
    const token = auth.slice(auth.indexOf(' ') + 1)
    const user = auth.startsWith('Basic ') ? Buffer.from(token, 'base64').toString().replace(/:$/, '') : token
    const text = body.toString('utf8').slice(0, 4000)
    const echo = {
      error: `key ${user} is not valid`,
      authorization: auth,
      authorizationUrlEncoded: encodeURIComponent(auth),
      tokenWithoutPadding: unpadded(token),
      tokenBase64url: Buffer.from(token, 'base64').toString('base64url'),
      userBase64: unpadded(b64(user)),
      userJsonEscaped: JSON.stringify(JSON.stringify({ user })),
      queryUrlEncoded: encodeURIComponent(req.url ?? ''),
      headers: req.headers,
      body: text,
      bodyUrlEncoded: encodeURIComponent(text.slice(0, 2000)),
    }
    res.writeHead(status, { 'content-type': 'application/json', 'www-authenticate': `Basic realm="${user}"` }).end(JSON.stringify(echo))
  })
}
