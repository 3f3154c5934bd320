import { ConfigError } from '../errors.js'

/**
 * Which proxy the HTTP layer uses (`new Analytics({ proxy })`, `createHttpTransport({ proxy })`):
 *
 * - absent (the default): the environment, read once when the client (or transport) is created:
 *   `HTTPS_PROXY` for `https://` hosts, `HTTP_PROXY` for `http://` hosts (for both when only
 *   `HTTP_PROXY` is set), and no proxy for the hosts `NO_PROXY` lists; each variable also in lower
 *   case, which wins (as curl reads them);
 * - a URL (`http://user:password@proxy.corp:3128`, or `https://…`): every request goes through it,
 *   `http://` and `https://` hosts alike, whatever the environment says (`NO_PROXY` included);
 * - `false`: no proxy, whatever the environment says.
 *
 * Requests go through a proxy as a tunnel (HTTP `CONNECT`). Credentials in the URL are sent as
 * `Proxy-Authorization: Basic …` and never appear in errors, events or logs.
 */
export type ProxyOption = string | URL | false

/** A proxy setting read and checked: which proxy serves each scheme, and which hosts bypass it. */
export interface ResolvedProxy {
  /** Proxy for `http://` hosts, if any. */
  httpProxy?: string
  /** Proxy for `https://` hosts, if any. */
  httpsProxy?: string
  /** `NO_PROXY`'s list (only from the environment). */
  noProxy: string
  /** The proxies' user names and passwords (decoded and as written), to mask wherever text leaves. */
  secrets: string[]
}

/** The shortest user name or password masked on its own. */
const MIN_PIECE_LENGTH = 3

/** No proxy at all. */
export const NO_PROXY_SETTING: ResolvedProxy = Object.freeze({ noProxy: '', secrets: [] }) as ResolvedProxy

/** The environment variables read, lower case first (it wins, as in curl and undici). */
const ENV_NAMES = {
  https: ['https_proxy', 'HTTPS_PROXY'],
  http: ['http_proxy', 'HTTP_PROXY'],
  no: ['no_proxy', 'NO_PROXY'],
} as const

function fromEnv(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]
    if (value !== undefined && value.trim() !== '') return { name, value: value.trim() }
  }
  return undefined
}

/**
 * Checks a proxy URL: `http:` or `https:`, with a host. Throws a `ConfigError` naming `option`
 * that never quotes the value (it may hold a password). Returns the URL and its credentials.
 */
function checkProxyUrl(value: string | URL, option: string): { url: string; secrets: string[] } {
  let url: URL
  try {
    url = new URL(String(value))
  } catch {
    throw new ConfigError(
      option,
      'must be a proxy URL such as http://proxy.example.com:3128 (the value is not shown: it may hold a password)',
    )
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ConfigError(option, 'must be an http:// or https:// proxy URL with a host, scheme included (e.g. http://proxy.corp:3128)')
  }
  // A one- or two-character user name or password is not masked on its own (it would mask every
  // such run of letters in a message, and show where it stands); its forms with the other part are.
  const secrets = [url.username, url.password, safeDecode(url.username), safeDecode(url.password)].filter(
    (s) => s.length >= MIN_PIECE_LENGTH,
  )
  if (url.username !== '' || url.password !== '') secrets.push(`${safeDecode(url.username)}:${safeDecode(url.password)}`)
  return { url: url.href, secrets: [...new Set(secrets)] }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Reads a {@link ProxyOption}: `undefined` reads the environment (`env`, by default
 * `process.env`) now, a URL is checked, `false` is no proxy. Throws a `ConfigError` naming
 * `option` (or the environment variable) for a value that is not an http(s) URL, never quoting
 * the value. Pure apart from reading `env`.
 */
export function resolveProxy(
  option: ProxyOption | undefined,
  optionName = 'proxy',
  env: NodeJS.ProcessEnv = globalThis.process?.env ?? {},
): ResolvedProxy {
  if (option === false) return NO_PROXY_SETTING
  if (option !== undefined) {
    if (typeof option !== 'string' && !(option instanceof URL)) {
      throw new ConfigError(optionName, `must be a proxy URL (a string or URL) or false, got ${option === null ? 'null' : typeof option}`)
    }
    const { url, secrets } = checkProxyUrl(option, optionName)
    return { httpProxy: url, httpsProxy: url, noProxy: '', secrets }
  }
  const https = fromEnv(env, ENV_NAMES.https)
  const http = fromEnv(env, ENV_NAMES.http)
  const no = fromEnv(env, ENV_NAMES.no)
  const secrets: string[] = []
  const read = (found: { name: string; value: string } | undefined): string | undefined => {
    if (found === undefined) return undefined
    const checked = checkProxyUrl(found.value, `environment variable ${found.name}`)
    secrets.push(...checked.secrets)
    return checked.url
  }
  const httpProxy = read(http)
  const httpsProxy = read(https) ?? httpProxy
  return {
    ...(httpProxy === undefined ? {} : { httpProxy }),
    ...(httpsProxy === undefined ? {} : { httpsProxy }),
    noProxy: no?.value ?? '',
    secrets,
  }
}

/**
 * A client's proxy: `option`, else the environment's variables. On Node (`defaultTransport`
 * `'undici'`) the client makes requests through them itself (flag requests too, even with a custom
 * `transport`), so a variable that is not a proxy URL is a `ConfigError`, as for
 * {@link resolveProxy}. Where the runtime's `fetch` reads the variables itself (Bun, Deno, edge:
 * `'fetch'`), a variable it cannot use is the runtime's to judge: the reading is kept only when
 * every variable is well formed (its credentials are masked in events and logs), else no proxy is
 * read. Pure apart from reading `env`.
 */
export function clientProxySetting(
  option: ProxyOption | undefined,
  defaultTransport: 'undici' | 'fetch',
  env: NodeJS.ProcessEnv = globalThis.process?.env ?? {},
): ResolvedProxy {
  if (option !== undefined || defaultTransport === 'undici') return resolveProxy(option, 'proxy', env)
  try {
    return resolveProxy(undefined, 'proxy', env)
  } catch {
    return NO_PROXY_SETTING
  }
}
