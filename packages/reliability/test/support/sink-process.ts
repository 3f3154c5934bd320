import { fork, type ChildProcess } from 'node:child_process'
import type { FaultStep, SinkStats, VendorName } from '@polytrack/sink'

/** What {@link RemoteSink.analyze} finds in one vendor's records (see fixtures/sink-process.mjs). */
export interface Analysis {
  recorded: number
  distinctIds: number
  unexpectedIds: number
  contentMismatches: number
  duplicateIds: number
  duplicateCopies: number
  differingDuplicates: number
  sameRequestDuplicates: number
}

/** A sink running in a child process, driven over IPC. */
export interface RemoteSink {
  url: string
  urlFor(vendor: VendorName): string
  inject(vendor: VendorName | '*', steps: FaultStep[]): Promise<void>
  stats(): Promise<SinkStats>
  analyze(vendor: VendorName, prefix: string, n: number): Promise<Analysis>
  /** Clears records, counters and pending faults. */
  reset(): Promise<void>
  close(): Promise<void>
}

/** Starts the sink of fixtures/sink-process.mjs in its own process. */
export async function startRemoteSink(
  options: { maxRecorded?: number; keys?: Partial<Record<VendorName, string[]>> } = {},
): Promise<RemoteSink> {
  const child: ChildProcess = fork(new URL('../fixtures/sink-process.mjs', import.meta.url).pathname, [], {
    env: {
      ...process.env,
      SINK_MAX_RECORDED: String(options.maxRecorded ?? 200_000),
      SINK_KEYS: JSON.stringify(options.keys ?? {}),
    },
    execArgv: ['--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let nextId = 0
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`sink process exited early (${code})`)))
    child.on('message', (msg: { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string }) => {
      if (msg.ready) return resolve({ url: msg.url as string })
      const waiter = pending.get(msg.id as number)
      if (!waiter) return
      pending.delete(msg.id as number)
      if (msg.error !== undefined) waiter.reject(new Error(msg.error))
      else waiter.resolve(msg.result)
    })
  })
  const { url } = await ready
  child.removeAllListeners('exit')
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('sink process exited'))
    pending.clear()
  })
  const call = <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++nextId
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.send({ id, cmd, ...args })
    })
  return {
    url,
    urlFor: (vendor) => `${url}/${vendor}`,
    inject: (vendor, steps) => call('inject', { vendor, steps }),
    stats: () => call('stats'),
    analyze: (vendor, prefix, n) => call('analyze', { vendor, prefix, n }),
    reset: () => call('reset'),
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await call('close').catch(() => undefined)
      await exited
    },
  }
}
