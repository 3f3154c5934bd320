/** Keeps the event loop alive while `work` runs (retry and flush timers are unref()ed). */
export async function holdProcessOpen<T>(work: Promise<T>): Promise<T> {
  const hold = setInterval(() => undefined, 1 << 30)
  try {
    return await work
  } finally {
    clearInterval(hold)
  }
}
