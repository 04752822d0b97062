// Owns giving the thread's task queue a turn from a long loop: a promise that resolves in a new
// macrotask, so messages waiting for a worker (Pause, Stop, a Verify photo) are read between two
// steps. On TF.js's cpu and wasm backends a tensor's data() resolves in a microtask, so a loop
// that only awaits data() never lets them in. A MessageChannel message rather than
// setTimeout(0): nested timers are clamped to 4 ms, a posted message is not.

/** Resolves once every task queued before it (a message from the page) has had its turn. */
export function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => {
    // A channel per call: nothing outlives the turn, and in Node no open port keeps the process up.
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      port2.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
