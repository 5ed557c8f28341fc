/** Lets the event loop run pending I/O and timers before long synchronous work continues. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
