import { spawn, type ChildProcess } from 'node:child_process'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type Server, type Socket } from 'node:net'

/** A server on 127.0.0.1 that tracks its sockets, so `close()` never waits on a client. */
export interface TestServer {
  url: string
  port: number
  /** Requests (HTTP) or connections (raw) seen so far. */
  readonly hits: number
  close(): Promise<void>
}

async function listen(server: Server, hits: () => number): Promise<TestServer> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get hits() {
      return hits()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** An HTTP server whose every request is handed to `handler` once its body was read. */
export function httpServer(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): Promise<TestServer> {
  let hits = 0
  const server = createHttpServer((req, res) => {
    hits++
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, res, Buffer.concat(chunks)))
    req.on('error', () => undefined)
    res.on('error', () => undefined)
  })
  server.keepAliveTimeout = 1_000
  return listen(server as unknown as Server, () => hits)
}

/** A raw TCP server: `onConnection` gets each socket (for answers no HTTP library would write). */
export function rawServer(onConnection: (socket: Socket) => void): Promise<TestServer> {
  let hits = 0
  const server = createNetServer((socket) => {
    hits++
    onConnection(socket)
  })
  return listen(server, () => hits)
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

/** Runs `node script` with `env`; resolves with its exit code, output and when it exited. */
export function runNode(
  script: URL,
  env: Record<string, string>,
  options: { args?: string[]; killAfterMs?: number; onStdout?: (text: string, child: ChildProcess) => void } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; exitedAt: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.args ?? []), script.pathname], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    let killed = false
    child.stdout.on('data', (d) => {
      stdout += d
      options.onStdout?.(stdout, child)
    })
    child.stderr.on('data', (d) => (stderr += d))
    const killer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, options.killAfterMs ?? 20_000)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, stdout, stderr, exitedAt: Date.now(), killed })
    })
  })
}
