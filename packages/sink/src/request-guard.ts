/**
 * Who may talk to the sink. It listens on loopback and has no keys of its own, so without these
 * checks any web page open in a browser on the same machine could drive it: wipe its records,
 * queue faults, forge vendor events, read what it recorded. The rules:
 *
 * - **Host** must name a loopback address (`localhost`, `127.x.x.x`, `[::1]`, or the address the
 *   sink was bound to) with the sink's port, on every route: a DNS-rebinding page reaches the
 *   sink under its own host name and is refused.
 * - **Origin**, when present, must be the sink's own origin (`http://<Host>`): browsers send it
 *   on every cross-origin request that could change state (any POST, even `no-cors` and forms)
 *   and on CORS reads. Node, curl and the SDKs send none.
 * - **Sec-Fetch-Site**, when present, must be `same-origin` or `none` (typed URL, bookmark),
 *   except for a navigation to the inspector page (a link to it from anywhere): this refuses
 *   `no-cors` reads that carry no Origin.
 * - The control API's POSTs (`/_sink/reset`, `/_sink/faults`) take `application/json` only: no
 *   page can send that cross-origin without a CORS preflight, which the sink never grants.
 */
import type { IncomingMessage } from 'node:http'
import { jsonAnswer, type HttpAnswer } from './http-response.js'
import type { RouteMatch } from './routes.js'

/** What the guard knows of the sink it protects. */
export interface GuardSettings {
  /** The port the sink listens on. */
  port: number
  /** Host names accepted besides the loopback ones (lower case, IPv6 in brackets). */
  hostnames: ReadonlySet<string>
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]'])

/** The extra host name a sink bound to `host` answers to (none for loopback and wildcard binds). */
export function boundHostnames(host: string): Set<string> {
  const name = host.toLowerCase()
  if (WILDCARDS.has(name)) return new Set()
  return new Set([name.includes(':') && !name.startsWith('[') ? `[${name}]` : name])
}

/** `localhost`, `[::1]` or a dotted-quad in 127.0.0.0/8. */
export function isLoopbackHostname(name: string): boolean {
  if (name === 'localhost' || name === '[::1]') return true
  const quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name)
  return quad !== null && quad.slice(1).every((octet) => Number(octet) <= 255)
}

function forbidden(message: string): HttpAnswer {
  return jsonAnswer(403, { code: 'forbidden', message }, { connection: 'close' })
}

/** Why the Host header is refused, or undefined. */
function hostProblem(host: string | undefined, settings: GuardSettings): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec((host ?? '').toLowerCase())
  if (match === null) return 'the Host header must name the sink (a loopback address with its port)'
  const [, name, port] = match as unknown as [string, string, string | undefined]
  const portOk = (port === undefined ? 80 : Number(port)) === settings.port
  if (!portOk || !(isLoopbackHostname(name) || settings.hostnames.has(name))) {
    return "the Host header must be a loopback address with the sink's port (DNS rebinding?)"
  }
  return undefined
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * The refusal for a request the sink must not serve, or undefined to serve it. Pure apart from
 * reading `req.headers`.
 *
 * @param route - Where the request would go (navigations to the inspector page are let in).
 */
export function guardRequest(req: IncomingMessage, route: RouteMatch, settings: GuardSettings): HttpAnswer | undefined {
  const host = header(req, 'host')
  const hostIssue = hostProblem(host, settings)
  if (hostIssue !== undefined) return forbidden(hostIssue)
  const origin = header(req, 'origin')
  if (origin !== undefined && origin.toLowerCase() !== `http://${(host as string).toLowerCase()}`) {
    return forbidden('requests from another origin are refused: the sink is for local tools and its own inspector page')
  }
  const site = header(req, 'sec-fetch-site')
  const navigation = route.kind === 'inspector' && header(req, 'sec-fetch-mode') === 'navigate'
  if (site !== undefined && site !== 'same-origin' && site !== 'none' && !navigation) {
    return forbidden(`requests a browser marks sec-fetch-site: ${site} are refused`)
  }
  if (route.kind === 'control' && req.method === 'POST') {
    const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    if (type !== 'application/json') {
      return jsonAnswer(
        415,
        { code: 'unsupported_media_type', message: 'the control API takes Content-Type: application/json' },
        { connection: 'close' },
      )
    }
  }
  return undefined
}
