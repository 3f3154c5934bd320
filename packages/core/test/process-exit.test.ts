import { startSink, type Sink } from '@polytrack/sink'
import { spawnNode } from '@polytrack/sink/child-process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let sink: Sink
beforeAll(async () => {
  sink = await startSink()
})
afterAll(async () => {
  await sink.close()
})

function runChild(
  env: Record<string, string>,
  fixture = './fixtures/exit-after-close.mjs',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return spawnNode(new URL(fixture, import.meta.url), { env, killAfterMs: 15_000 }).output
}

describe('process lifetime', () => {
  it('exits by itself right after close() (keep-alive sockets and timers released)', async () => {
    const { code, stdout, stderr } = await runChild({ SINK_SEGMENT_URL: sink.urlFor('segment') })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ delivered: 200, pending: 0 })
  })

  it('exits by itself after close({timeout}) even when the server stalls every request', async () => {
    sink.inject('segment', ...Array.from({ length: 20 }, () => ({ delayMs: 60_000 })))
    const { code, stdout } = await runChild({ SINK_SEGMENT_URL: sink.urlFor('segment'), CLOSE_TIMEOUT: '300' })
    sink.reset()
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ timedOut: true, delivered: 0, pending: 200 })
  })

  /** The report the exit-without-close fixture prints in `mode`, once it has exited by itself, cleanly. */
  async function exitWithoutClose(mode: 'idle' | 'flushed'): Promise<unknown> {
    const { code, stdout, stderr } = await runChild(
      { SINK_SEGMENT_URL: sink.urlFor('segment'), MODE: mode },
      './fixtures/exit-without-close.mjs',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    return JSON.parse(stdout)
  }

  // Serverless: the platform may freeze or end the process once the handler returns; nothing of the
  // client's may keep a Lambda (or any process) running when there is nothing left to send.
  it('exits by itself with a client that was never used and never closed', async () => {
    expect(await exitWithoutClose('idle')).toMatchObject({ delivered: 0, pending: 0 })
  })

  it('exits by itself after await flush(), without close() (the per-invocation pattern)', async () => {
    expect(await exitWithoutClose('flushed')).toMatchObject({ delivered: 50, failed: 0, pending: 0 })
  })
})
