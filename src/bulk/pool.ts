/**
 * Runs `worker` over `items` with at most `concurrency` in flight. Once `signal` aborts, `shouldStop()` turns
 * true or a worker throws, no further item is started; the ones in flight finish. Resolves when all started items
 * have settled, rejecting with the first thrown error.
 * @example await runPool(rows, 8, (row) => update(row), signal)
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted && !shouldStop() && !failure) {
      const item = items[next++] as T;
      try {
        await worker(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure) throw failure.error;
}

/**
 * Splits `items` into consecutive chunks of at most `size`.
 * @example chunk([1, 2, 3], 2) // [[1, 2], [3]]
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
