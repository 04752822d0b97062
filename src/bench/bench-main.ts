// The benchmark page (bench.html): reads the request from the URL (`?request=<json>`), runs it
// in a worker like the app's training worker, and prints each result as a `BENCH {json}`
// console line for scripts/bench.mjs to collect.

import type { BenchRequest, FromBenchWorker } from './bench-protocol';

const output = document.getElementById('output') as HTMLElement;
const raw = new URLSearchParams(location.search).get('request');
if (!raw) {
  output.textContent =
    'Open with ?request={"backend":"cpu","cases":[...],"warmupSteps":1,"timedSteps":2}';
} else {
  const request = JSON.parse(raw) as BenchRequest;
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), {
    type: 'module',
    name: 'bench',
  });
  worker.onmessage = (event: MessageEvent<FromBenchWorker>) => {
    const message = event.data;
    const line =
      message.type === 'result' ? JSON.stringify(message.result) : JSON.stringify(message);
    console.log(`BENCH ${line}`);
    output.textContent += `${line}\n`;
  };
  worker.onerror = (event) =>
    console.log(`BENCH ${JSON.stringify({ type: 'error', message: event.message })}`);
  worker.postMessage(request);
}
