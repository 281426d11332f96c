// The bench's HTTP client, in a worker thread: a load generator must not share the server's event
// loop (real clients are other machines). Plain JavaScript so that it runs without a TypeScript loader.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, body, total, concurrency, firstIndex } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);

/** One POST; resolves with its status and body. `{{i}}` in the body becomes the request's index. */
function post(i) {
  const payload = body.replaceAll('{{i}}', String(i));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID(), 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const latencies = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const res = await post(firstIndex + i);
      if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${res.text}`);
      latencies.push(performance.now() - t0);
    }
  }),
);
parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies });
agent.destroy();
