/** Resolves after `ms`, or rejects at once with the signal's reason when it aborts (or has aborted). */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal.addEventListener('abort', abort, {once: true});
  });
}

/** Resolves when the browser is online: at once, or on the window's `online` event. Rejects when the signal aborts. */
export function online(signal: AbortSignal): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (event: Event) => {
      removeEventListener('online', settle);
      signal.removeEventListener('abort', settle);
      if (event.type === 'abort') reject(signal.reason);
      else resolve();
    };
    addEventListener('online', settle);
    signal.addEventListener('abort', settle, {once: true});
  });
}

/** The longest wait between tries, even when a server's `Retry-After` asks for more. */
export const MAX_RETRY_WAIT = 60_000;

/** `Retry-After` in ms: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}
