// The crash-and-replay check of the durable spools (the file spool in core, the Redis spool): a
// child process sends through a client with a spool while the sink stalls, is killed with SIGKILL
// mid-stream, and a second child on the same spool replays the backlog. The child is a fixture
// that uses ./crash-child.mjs.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSink, type Sink, type VendorStats } from '@polytrack/sink'
import { readAckLog, type AckLog } from '@polytrack/sink/ack-log'
import type { ChildOutput } from '@polytrack/sink/child-process'
import { afterAll, beforeAll, expect } from 'vitest'

/** A crash child as `spawnNode()` of `@polytrack/sink/child-process` returns it. */
export type CrashChild = ChildProcess & { output: Promise<ChildOutput> }

/**
 * Starts a sink and makes a temporary directory (`polytrack-<name>-…`, for the ack logs and file
 * spools) before the enclosing block's tests, and closes and removes them after (vitest hooks).
 * Read `sink` and `work` inside the tests.
 */
export function useCrashSink(name: string): { readonly sink: Sink; readonly work: string } {
  const state = {} as { sink: Sink; work: string }
  beforeAll(async () => {
    state.sink = await startSink()
    state.work = mkdtempSync(join(tmpdir(), `polytrack-${name}-`))
  })
  afterAll(async () => {
    await state.sink?.close()
    if (state.work) rmSync(state.work, { recursive: true, force: true })
  })
  return state
}

/** What the replaying child prints: the report of `analytics.close()`. */
export interface ReplayReport {
  delivered: number
  pending: number
  failed: number
  dropped: number
}

/** Options of {@link crashAndReplay}. */
export interface CrashAndReplayOptions {
  /** The sink the child sends to (its `segment` route); reset and given faults here. */
  sink: Sink
  /** Starts a crash child with these variables added to its environment (`MODE`, and `ACK_FILE` when sending). */
  spawn(env: Record<string, string>): CrashChild
  /** The sending child's ack log (`@polytrack/sink/ack-log`). */
  ackFile: string
  /** Polled on the ack log every 25 ms while the child sends: when it holds, the child is killed. */
  killWhen(log: AckLog): boolean
}

/** What each run delivered. */
export interface CrashAndReplayResult {
  /** The killed child's ack log as it was when it died. */
  log: AckLog
  /** Message ids the sink received from the killed child. */
  firstRun: string[]
  /** Message ids the sink received from the replaying child. */
  secondRun: string[]
  /** The replaying child's report. */
  report: ReplayReport
  /** The sink's statistics of the segment route after the replay. */
  stats: VendorStats | undefined
}

/**
 * Starts a sending child (`MODE=send`) while the sink's segment route lets 5 requests through and
 * then stalls every request for two minutes; kills it with SIGKILL once `killWhen` holds on its ack
 * log (fails if it exits before); then resets the sink and runs a replaying child (`MODE=replay`)
 * to its end, asserting that it wrote nothing to stderr, exited 0 and printed its report as JSON.
 */
export async function crashAndReplay(options: CrashAndReplayOptions): Promise<CrashAndReplayResult> {
  const { sink, spawn, ackFile } = options
  sink.reset()
  sink.inject(
    'segment',
    ...Array.from({ length: 5 }, () => ({ pass: true as const })),
    ...Array.from({ length: 500 }, () => ({ delayMs: 120_000 })),
  )
  const sender = spawn({ MODE: 'send', ACK_FILE: ackFile })
  await waitFor(sender, ackFile, options.killWhen)
  sender.kill('SIGKILL')
  expect((await sender.output).signal).toBe('SIGKILL')
  const log = readAckLog(ackFile)
  const firstRun = sink.messages({ vendor: 'segment' }).map((m) => m.id)

  sink.reset()
  const replay = await spawn({ MODE: 'replay' }).output
  expect(replay.stderr).toBe('')
  expect(replay.code).toBe(0)
  const report = JSON.parse(replay.stdout) as ReplayReport
  const secondRun = sink.messages({ vendor: 'segment' }).map((m) => m.id)
  return { log, firstRun, secondRun, report, stats: sink.stats().byVendor.segment }
}

/** Waits (polling the child's ack file) until `done` holds; fails if the child exits first. */
async function waitFor(child: CrashChild, ackFile: string, done: (log: AckLog) => boolean): Promise<void> {
  let exited = false
  void child.output.then(() => (exited = true))
  for (;;) {
    if (done(readAckLog(ackFile))) return
    if (exited) {
      const { code, stderr } = await child.output
      throw new Error(`the child exited (${code}) before it got there: ${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * Asserts that nothing was lost or sent twice across the crash, for a child whose message ids are
 * `<run>-<i>`: it dropped nothing and acknowledged at least its first message; every id it
 * acknowledged was delivered by one run or the other, and only its own ids were; the replay
 * delivered something, reported exactly that (nothing pending, failed or dropped), and sent none
 * of the ids reported delivered (released) before the kill.
 */
export function expectCompleteReplay(result: CrashAndReplayResult, run: string): void {
  const { log, firstRun, secondRun, report } = result
  expect(log.dropped.size).toBe(0)
  expect(log.acked.has(`${run}-0`)).toBe(true)
  const delivered = new Set([...firstRun, ...secondRun])
  expect([...log.acked].filter((id) => !delivered.has(id))).toEqual([])
  for (const id of delivered) expect(id.startsWith(`${run}-`)).toBe(true)
  expect(secondRun.length).toBeGreaterThan(0)
  expect(report).toMatchObject({ pending: 0, failed: 0, dropped: 0, delivered: secondRun.length })
  // Released before the kill: not sent again.
  expect(secondRun.filter((id) => log.delivered.has(id))).toEqual([])
}
