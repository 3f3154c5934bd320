import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { spawnNode } from '@polytrack/sink/child-process'
import { crashAndReplay, expectCompleteReplay, useCrashSink, type CrashChild } from '@polytrack/test-support/crash-replay'
import { describe, expect, it } from 'vitest'

// The child imports core's built dist/: build @polytrack/core before running this file.
const CHILD = new URL('./fixtures/spool-crash-child.mjs', import.meta.url).pathname

const crash = useCrashSink('spool-crash')

function spawnChild(env: Record<string, string>): CrashChild {
  return spawnNode(CHILD, { env: { SINK_SEGMENT_URL: crash.sink.urlFor('segment'), ...env } })
}

describe('durability across SIGKILL (file spool)', () => {
  it('delivers after a restart every message whose track() returned before the kill, and replays no released one', async () => {
    const dir = join(crash.work, 'file-spool')
    const env = { SPOOL_DIR: dir, RUN: 'file', FSYNC: 'interval' }
    // Kills the child while the sink stalls (5 batches pass, then every request hangs), restarts it in replay mode.
    const result = await crashAndReplay({
      sink: crash.sink,
      spawn: (mode) => spawnChild({ ...env, ...mode }),
      ackFile: join(crash.work, 'file.acks'),
      // Mid-stream: some batches delivered (and released), thousands acknowledged and still queued.
      killWhen: (log) => log.delivered.size >= 500 && log.acked.size >= log.delivered.size + 3000,
    })
    // Messages reported delivered before the kill were released (release log): not sent again.
    expectCompleteReplay(result, 'file')
    expect(result.stats?.duplicates).toBe(0)
    // The replay emptied the spool: no segment left, and the dead child's lock was taken over and released.
    const lane = join(dir, 'segment')
    expect(readdirSync(lane).filter((f) => f.endsWith('.seg'))).toEqual([])
    expect(readdirSync(dir).filter((f) => f.startsWith('spool.lock'))).toEqual([])
  })
})
