/**
 * Command-line options of run-bench.mjs (also from the environment: BENCH_EVENTS, BENCH_RUNS, BENCH_RATE).
 *   --events N          track events per client and run (default 100,000)
 *   --rate N            events/s offered to each client in the throughput table (default 10,000;
 *                       0 = flat out); passed to each throughput child as BENCH_RATE
 *   --runs R            repetitions of the paced throughput table (default 3); medians and min–max
 *   --burst-runs B      repetitions of the burst table (every client flat out, default 1; 0 skips it;
 *                       skipped too with --rate 0, where the paced table already is flat out)
 *   --quick             smoke run: 10,000 events, 1 run, 200,000 events for --memory, short flag runs
 *                       (keeps --rate and --burst-runs)
 *   --memory            run only the RSS-flatness mode
 *   --memory-events N   events of the RSS mode (default 1,000,000)
 *   --only MODE         run only this mode (one of MODES below; the docs are not rewritten)
 *   --skip-MODE         skip a mode: --skip-memory, --skip-flags, --skip-latency, --skip-spool, --skip-profile,
 *                       --skip-cold-start, --skip-bundle-size
 *   --cold-runs N       fresh processes per client in the cold-start mode (default 15; 5 with --quick)
 *   --clients a,b       only these clients (names as in the table)
 *   --no-doc            do not rewrite docs/benchmarks.md and docs/benchmarks.svg
 */

/** The `--help` text. */
export const USAGE = `usage: node src/run-bench.mjs [options]
  --events N          track events per client and run (default 100,000)
  --rate N            events/s offered to each client in the throughput table (default 10,000; 0 = flat out)
  --runs R            runs of the paced throughput table (default 3); medians and min–max are reported
  --burst-runs B      runs of the burst table, every client flat out (default 1; 0 skips it,
                      and so does --rate 0)
  --quick             smoke run: 10,000 events, 1 run, 200,000 events for --memory, short flag runs
                      (keeps --rate and --burst-runs)
  --memory            run only the RSS-flatness mode
  --memory-events N   events of the RSS mode (default 1,000,000)
  --spool             run only the spool mode (spool cost, and RSS with a backlog for the file and Redis spools)
  --spool-backlog N   messages of the spool backlog runs (default 1,000,000; 100,000 with --quick)
  --only MODE         run only this mode: flags, latency, spool, memory, cold-start, bundle-size or profile
                      (raw results in results/latest.json; the docs are not rewritten)
  --skip-memory | --skip-flags | --skip-latency | --skip-spool | --skip-profile | --skip-cold-start | --skip-bundle-size
  --cold-runs N       fresh processes per client in the cold-start mode (default 15; 5 with --quick)
  --clients a,b       only these clients (names as in the table, e.g. 'workload only,floor')
  --no-doc            do not rewrite docs/benchmarks.md and docs/benchmarks.svg
Environment: BENCH_EVENTS, BENCH_RUNS, BENCH_RATE set the defaults of --events, --runs, --rate.`

/** The modes after the throughput tables, in the order they run; each can be skipped (`--skip-<mode>`) or run alone (`--only <mode>`). */
export const MODES = ['flags', 'latency', 'spool', 'memory', 'cold-start', 'bundle-size', 'profile']

/** The options that take a number, and the key of the parsed options each sets. */
const NUMBER_OPTIONS = {
  '--events': 'events',
  '--runs': 'runs',
  '--rate': 'rate',
  '--burst-runs': 'burstRuns',
  '--memory-events': 'memoryEvents',
  '--spool-backlog': 'spoolBacklog',
  '--cold-runs': 'coldRuns',
}

/** What `--quick` changes, unless the option is given too. */
const QUICK_DEFAULTS = { events: 10_000, runs: 1, memoryEvents: 200_000, coldRuns: 5 }

/** `name` when it is one of {@link MODES}; throws naming `option` otherwise. */
function modeName(name, option) {
  if (!MODES.includes(name)) throw new Error(`unknown mode '${name}' in ${option} (the modes are ${MODES.join(', ')}; see --help)`)
  return name
}

/** The options of `argv` (after the script name) over the defaults of `env`; throws on an unknown or malformed option. */
export function parseArgs(argv, env = process.env) {
  const args = {
    events: Number(env.BENCH_EVENTS ?? 100_000),
    runs: Number(env.BENCH_RUNS ?? 3),
    rate: Number(env.BENCH_RATE ?? 10_000),
    burstRuns: 1,
    memoryEvents: 1_000_000,
    coldRuns: 15,
    flagSeconds: 2,
    quick: false,
    only: undefined,
    clients: undefined,
    skip: new Set(),
    doc: true,
  }
  const given = new Set()
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2)
    const value = () => inline ?? argv[++i]
    if (Object.hasOwn(NUMBER_OPTIONS, flag)) {
      const key = NUMBER_OPTIONS[flag]
      args[key] = Number(value())
      given.add(key)
      continue
    }
    switch (flag) {
      case '--quick':
        args.quick = true
        break
      case '--memory':
      case '--spool':
        args.only = flag.slice(2)
        break
      case '--only':
        args.only = modeName(value(), flag)
        break
      case '--clients':
        args.clients = value().split(',')
        break
      case '--no-doc':
        args.doc = false
        break
      case '--help':
        args.help = true
        break
      default:
        if (!flag.startsWith('--skip-')) throw new Error(`unknown option ${argv[i]} (see --help)`)
        args.skip.add(modeName(flag.slice('--skip-'.length), argv[i]))
    }
  }
  if (args.quick) {
    for (const [key, quick] of Object.entries(QUICK_DEFAULTS)) if (!given.has(key)) args[key] = quick
    args.flagSeconds = 0.5
  }
  for (const key of ['events', 'runs', 'memoryEvents', 'coldRuns', ...(given.has('spoolBacklog') ? ['spoolBacklog'] : [])]) {
    if (!Number.isInteger(args[key]) || args[key] < 1)
      throw new Error(`${Object.keys(NUMBER_OPTIONS).find((flag) => NUMBER_OPTIONS[flag] === key)} must be a positive integer`)
  }
  if (!Number.isInteger(args.burstRuns) || args.burstRuns < 0) throw new Error('--burst-runs must be an integer ≥ 0')
  if (!Number.isFinite(args.rate) || args.rate < 0) throw new Error('--rate must be a number ≥ 0 (0 = flat out)')
  return args
}

/** "10,000 events/s" or "flat out", for progress lines and the report. */
export const rateText = (rate) => (rate > 0 ? `${rate.toLocaleString('en-US')} events/s` : 'flat out')
