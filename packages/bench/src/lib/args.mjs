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
 *   --skip-memory, --skip-flags, --skip-latency, --skip-spool, --skip-profile, --skip-cold-start, --skip-bundle-size
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
  --skip-memory | --skip-flags | --skip-latency | --skip-spool | --skip-profile | --skip-cold-start | --skip-bundle-size
  --cold-runs N       fresh processes per client in the cold-start mode (default 15; 5 with --quick)
  --clients a,b       only these clients (names as in the table, e.g. 'workload only,floor')
  --no-doc            do not rewrite docs/benchmarks.md and docs/benchmarks.svg
Environment: BENCH_EVENTS, BENCH_RUNS, BENCH_RATE set the defaults of --events, --runs, --rate.`

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
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2)
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--events':
        args.events = Number(value())
        args.eventsSet = true
        break
      case '--runs':
        args.runs = Number(value())
        args.runsSet = true
        break
      case '--rate':
        args.rate = Number(value())
        break
      case '--burst-runs':
        args.burstRuns = Number(value())
        break
      case '--memory-events':
        args.memoryEvents = Number(value())
        args.memorySet = true
        break
      case '--quick':
        args.quick = true
        break
      case '--memory':
        args.only = 'memory'
        break
      case '--spool':
        args.only = 'spool'
        break
      case '--spool-backlog':
        args.spoolBacklog = Number(value())
        break
      case '--skip-memory':
        args.skip.add('memory')
        break
      case '--skip-flags':
        args.skip.add('flags')
        break
      case '--skip-latency':
        args.skip.add('latency')
        break
      case '--skip-profile':
        args.skip.add('profile')
        break
      case '--skip-spool':
        args.skip.add('spool')
        break
      case '--skip-cold-start':
        args.skip.add('cold-start')
        break
      case '--skip-bundle-size':
        args.skip.add('bundle-size')
        break
      case '--cold-runs':
        args.coldRuns = Number(value())
        args.coldRunsSet = true
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
        throw new Error(`unknown option ${argv[i]} (see --help)`)
    }
  }
  if (args.quick) {
    if (!args.eventsSet) args.events = 10_000
    if (!args.runsSet) args.runs = 1
    if (!args.memorySet) args.memoryEvents = 200_000
    if (!args.coldRunsSet) args.coldRuns = 5
    args.flagSeconds = 0.5
  }
  for (const key of ['events', 'runs', 'memoryEvents', 'coldRuns']) {
    if (!Number.isInteger(args[key]) || args[key] < 1) throw new Error(`--${key} must be a positive integer`)
  }
  if (!Number.isInteger(args.burstRuns) || args.burstRuns < 0) throw new Error('--burst-runs must be an integer ≥ 0')
  if (!Number.isFinite(args.rate) || args.rate < 0) throw new Error('--rate must be a number ≥ 0 (0 = flat out)')
  return args
}

/** "10,000 events/s" or "flat out", for progress lines and the report. */
export const rateText = (rate) => (rate > 0 ? `${rate.toLocaleString('en-US')} events/s` : 'flat out')
