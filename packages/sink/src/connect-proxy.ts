import { createServer, type IncomingMessage } from 'node:http'
import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'

/** One tunnel a client asked a {@link ConnectProxy} for. */
export interface ProxyTunnel {
  /** The `CONNECT` target, `host:port`. */
  target: string
  /** The `Proxy-Authorization` header sent, if any. */
  authorization?: string
  /** Whether the proxy opened the tunnel (false: refused with 407). */
  opened: boolean
}

/** Options of {@link startConnectProxy}. */
export interface ConnectProxyOptions {
  /**
   * Refuse (407) a tunnel whose `Proxy-Authorization` is not `Basic base64(user:password)` of these
   * credentials, e.g. `'user:secret'`. Default: no authentication.
   */
  credentials?: string
}

/** A forward proxy on 127.0.0.1 that opens HTTP `CONNECT` tunnels, and records them. */
export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  /** Every tunnel asked for, oldest first. */
  readonly tunnels: readonly ProxyTunnel[]
  /** Forgets the recorded tunnels. */
  reset(): void
  /** Closes the proxy and every open tunnel. */
  close(): Promise<void>
}

/**
 * Starts a CONNECT forward proxy on 127.0.0.1 (a random port), for tests of clients behind a
 * corporate proxy: each `CONNECT host:port` is recorded, checked against `credentials` (407 when
 * wrong), then piped to the target. Plain (non-CONNECT) proxy requests are answered 405. Only for
 * tests: it forwards to any target.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: ProxyTunnel[] = []
  const sockets = new Set<Socket | Duplex>()
  const expected = options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString('base64')}`
  const server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('this test proxy only opens CONNECT tunnels')
  })
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    const target = req.url ?? ''
    const authorization = req.headers['proxy-authorization']
    const opened = expected === undefined || authorization === expected
    tunnels.push({ target, ...(authorization === undefined ? {} : { authorization }), opened })
    if (!opened) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const colon = target.lastIndexOf(':')
    const upstream = connect(Number(target.slice(colon + 1)), target.slice(0, colon).replace(/^\[|\]$/g, ''))
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => {
      if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n')
    })
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    reset() {
      tunnels.length = 0
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
