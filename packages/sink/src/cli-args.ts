/**
 * Command-line parsing for `polytrack-sink`. Pure.
 */

/** Parsed command line. */
export interface CliArgs {
  port: number
  host: string
  quiet: boolean
  help: boolean
}

/** Usage text. */
export const USAGE = `Usage: polytrack-sink [--port 8787] [--host 127.0.0.1] [--quiet]

  --port <n>     port to listen on (0 = random free port; default 8787)
  --host <addr>  interface to bind (default 127.0.0.1)
  --quiet        do not log each ingestion request
  --help         show this text

The live inspector page is served at the sink's root URL.`

/** Default port of the CLI. */
export const DEFAULT_CLI_PORT = 8787

function parsePort(text: string | undefined): number {
  const port = Number(text)
  if (text === undefined || text === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port needs a port number (0-65535), got ${JSON.stringify(text ?? '')}`)
  }
  return port
}

/**
 * Parses `argv` (without the node and script paths). Accepts `--flag value` and `--flag=value`.
 * Throws an Error with a readable message on bad input.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { port: DEFAULT_CLI_PORT, host: '127.0.0.1', quiet: false, help: false }
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string
    const eq = raw.indexOf('=')
    const flag = eq === -1 ? raw : raw.slice(0, eq)
    const inline = eq === -1 ? undefined : raw.slice(eq + 1)
    const value = (): string | undefined => inline ?? argv[++i]
    switch (flag) {
      case '--port':
        args.port = parsePort(value())
        break
      case '--host': {
        const host = value()
        if (host === undefined || host === '') throw new Error('--host needs an address')
        args.host = host
        break
      }
      case '--quiet':
        args.quiet = true
        break
      case '--help':
      case '-h':
        args.help = true
        break
      default:
        throw new Error(`unknown argument ${JSON.stringify(raw)}`)
    }
  }
  return args
}
