/**
 * Promise.all that stops the siblings when one task fails: they all get a signal that aborts
 * (with the first failure as reason) and the first failure is rethrown once all have settled, so
 * no tool is still writing into a folder the caller is about to clean up.
 */
export async function allOrAbort<T extends readonly unknown[]>(
  parent: AbortSignal,
  start: (signal: AbortSignal) => { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const controller = new AbortController();
  const signal = AbortSignal.any([parent, controller.signal]);
  let firstFailure: { error: unknown } | undefined;
  const tasks = start(signal).map((task: Promise<unknown>) =>
    task.catch((error: unknown) => {
      firstFailure ??= { error };
      controller.abort(error);
      throw error;
    }),
  );
  const results = await Promise.allSettled(tasks);
  if (firstFailure) throw firstFailure.error;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
