/**
 * Time in tests. Tests assert behaviour, never how fast the machine is: the
 * numbers (latencies, throughput, ratios) are measured by `npm run bench`
 * and written to docs/performance.md. Two kinds of time bound remain, both
 * meant to fail only on a hang or a blow-up, never because the machine is
 * busy:
 *
 * - a hang detector: a wait bounded by HANG_MS, or a call bounded by
 *   HANG_FLOOR_MS, far above any normal time (a normal wait is well under a
 *   second; a hang never ends);
 * - a ratio: `factor` times a baseline measured in the same run, on the same
 *   machine under the same load (the YAML parse of the same text, the same
 *   request on an idle server, ...), with a generous factor.
 */
import assert from 'node:assert/strict';

/** Longest wait for something that normally takes well under a second (diagnostics published, a process exits). */
export const HANG_MS = 60_000;

/** A bound for one synchronous call never goes below this: normal calls take milliseconds. */
export const HANG_FLOOR_MS = 10_000;

export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `fn` and returns its result with the elapsed milliseconds. */
export function timed<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** Runs `fn` and returns its result with the elapsed milliseconds. */
export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** Median time of `runs` calls of `fn`, in milliseconds: a baseline for ratios. */
export function baseline(fn: () => unknown, runs = 5): number {
  return median(Array.from({ length: runs }, () => timed(fn).ms));
}

/**
 * Whether `ms` is beyond `factor` × the baseline and beyond HANG_FLOOR_MS.
 * A baseline given as a function is measured only when `ms` passes the floor
 * (rarely), so checks cost nothing while calls are quick.
 */
export function tooSlow(
  ms: number,
  baselineMs: number | (() => number),
  factor: number,
): { baselineMs: number; limit: number } | undefined {
  if (ms <= HANG_FLOOR_MS) return undefined;
  const base = typeof baselineMs === 'function' ? baselineMs() : baselineMs;
  const limit = Math.max(HANG_FLOOR_MS, factor * base);
  return ms > limit ? { baselineMs: base, limit } : undefined;
}

/** Fails when `ms` is beyond `factor` × the baseline and beyond HANG_FLOOR_MS, saying both numbers. */
export function assertWithin(
  label: string,
  ms: number,
  baselineMs: number | (() => number),
  factor: number,
  baselineLabel = 'the baseline',
): void {
  const slow = tooSlow(ms, baselineMs, factor);
  assert.ok(
    !slow,
    slow &&
      `${label} took ${ms.toFixed(0)} ms: more than ${HANG_FLOOR_MS} ms and more than ${factor}× ${baselineLabel} (${slow.baselineMs.toFixed(1)} ms, measured in this run)`,
  );
}

/**
 * `promise`, or `onTimeout` once `ms` have passed, whichever comes first. The
 * timer is cleared when the promise settles, so a bound never keeps the test
 * process alive after the tests have ended.
 */
export function within<T, U>(promise: Promise<T>, ms: number, onTimeout: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<U>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}
