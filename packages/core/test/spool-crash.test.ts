import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSink, type Sink } from '@polytrack/sink'
import { readAckLog, type AckLog } from '@polytrack/sink/ack-log'
import { spawnNode, type ChildOutput } from '@polytrack/sink/child-process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The child imports core's built dist/: build @polytrack/core before running this file.
const CHILD = new URL('./fixtures/spool-crash-child.mjs', import.meta.url).pathname

let sink: Sink
let work: string
beforeAll(async () => {
  sink = await startSink()
  work = mkdtempSync(join(tmpdir(), 'polytrack-spool-crash-'))
})
afterAll(async () => {
  await sink.close()
  rmSync(work, { recursive: true, force: true })
})

function spawnChild(env: Record<string, string>): ChildProcess & { output: Promise<ChildOutput> } {
  return spawnNode(CHILD, { env: { SINK_SEGMENT_URL: sink.urlFor('segment'), ...env } })
}

/** Waits (polling the child's ack file) until `done` holds; fails if the child exits first. */
async function waitFor(child: ReturnType<typeof spawnChild>, ackFile: string, done: (log: AckLog) => boolean): Promise<void> {
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
 * Kills a sending child with SIGKILL while the sink stalls (5 batches pass, then every request hangs),
 * restarts it in replay mode, and returns what each run delivered.
 */
async function crashAndReplay(env: Record<string, string>) {
  const ackFile = join(work, `${env.RUN}.acks`)
  sink.reset()
  sink.inject(
    'segment',
    ...Array.from({ length: 5 }, () => ({ pass: true as const })),
    ...Array.from({ length: 500 }, () => ({ delayMs: 120_000 })),
  )
  const sender = spawnChild({ ...env, MODE: 'send', ACK_FILE: ackFile })
  // Mid-stream: some batches delivered (and released), thousands acknowledged and still queued.
  await waitFor(sender, ackFile, (log) => log.delivered.size >= 500 && log.acked.size >= log.delivered.size + 3000)
  sender.kill('SIGKILL')
  const killed = await sender.output
  expect(killed.signal).toBe('SIGKILL')
  const log = readAckLog(ackFile)
  const firstRun = sink.messages({ vendor: 'segment' }).map((m) => m.id)

  sink.reset()
  const replay = await spawnChild({ ...env, MODE: 'replay' }).output
  expect(replay.stderr).toBe('')
  expect(replay.code).toBe(0)
  const report = JSON.parse(replay.stdout) as { delivered: number; pending: number; failed: number; dropped: number }
  const secondRun = sink.messages({ vendor: 'segment' }).map((m) => m.id)
  const stats = sink.stats().byVendor.segment
  return { log, firstRun, secondRun, report, stats }
}

function expectNothingLost(result: Awaited<ReturnType<typeof crashAndReplay>>, run: string) {
  const { log, firstRun, secondRun, report } = result
  expect(log.dropped.size).toBe(0)
  expect(log.acked.has(`${run}-0`)).toBe(true)
  const delivered = new Set([...firstRun, ...secondRun])
  const lost = [...log.acked].filter((id) => !delivered.has(id))
  expect(lost).toEqual([])
  // Only ids the child sent, and the replay delivered the backlog in full.
  for (const id of delivered) expect(id.startsWith(`${run}-`)).toBe(true)
  expect(secondRun.length).toBeGreaterThan(0)
  expect(report).toMatchObject({ pending: 0, failed: 0, dropped: 0, delivered: secondRun.length })
}

describe('durability across SIGKILL (file spool)', () => {
  it('delivers after a restart every message whose track() returned before the kill, and replays no released one', async () => {
    const dir = join(work, 'file-spool')
    const result = await crashAndReplay({ SPOOL_DIR: dir, RUN: 'file', FSYNC: 'interval' })
    expectNothingLost(result, 'file')
    // Messages reported delivered before the kill were released (release log): not sent again.
    const again = result.secondRun.filter((id) => result.log.delivered.has(id))
    expect(again).toEqual([])
    expect(result.stats?.duplicates).toBe(0)
    // The replay emptied the spool: no segment left, and the dead child's lock was taken over and released.
    const lane = join(dir, 'segment')
    expect(readdirSync(lane).filter((f) => f.endsWith('.seg'))).toEqual([])
    expect(readdirSync(dir).filter((f) => f.startsWith('spool.lock'))).toEqual([])
  })
})
