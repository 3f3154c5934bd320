/**
 * `polytrack-sink` command: starts a sink and keeps it running until SIGINT/SIGTERM.
 * The first line printed is `polytrack-sink listening on <url>`, the second the vendors' base
 * URLs, the third `inspector: <url>/` (the live inspector page).
 */
import { parseCliArgs, USAGE } from './cli-args.js'
import { startSink } from './start-sink.js'
import { VENDOR_NAMES } from './vendors.js'

async function main(argv: readonly string[]): Promise<void> {
  let args
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    process.stderr.write(`polytrack-sink: ${(error as Error).message}\n${USAGE}\n`)
    process.exit(2)
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const sink = await startSink({ port: args.port, host: args.host, log: !args.quiet })
  const vendors = VENDOR_NAMES.map((vendor) => `${vendor}=${sink.urlFor(vendor)}`).join(' ')
  process.stdout.write(`polytrack-sink listening on ${sink.url}\n`)
  process.stdout.write(`vendors: ${vendors}\n`)
  process.stdout.write(`inspector: ${sink.inspectorUrl} (live view of received messages)\n`)
  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`polytrack-sink stopping (${signal})\n`)
    sink.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`polytrack-sink: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
