/** Why an attempt was stopped: its own deadline, or the run (a cancel, a policy abort). */
export type StopCause = 'timed-out' | 'cancelled';

export interface Deadline {
  /** Aborts when the time is up or `parent` aborts, whichever comes first. */
  signal: AbortSignal;
  /** Undefined while nothing stopped it. */
  readonly cause: StopCause | undefined;
  dispose(): void;
}

/**
 * One signal for "stop now", remembering which of the two reasons came first, so that every
 * gate kind and hook maps a stop to the same status.
 */
export function startDeadline(parent: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let cause: StopCause | undefined;
  const stop = (why: StopCause, reason: unknown) => {
    if (cause) return;
    cause = why;
    controller.abort(reason);
  };
  const onParent = () => stop('cancelled', parent.reason);
  const timer = setTimeout(() => stop('timed-out', 'timed out'), timeoutMs);
  if (parent.aborted) onParent();
  else parent.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}

export function formatTimeout(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
  return `${Number((seconds / 60).toFixed(1))} min`;
}
