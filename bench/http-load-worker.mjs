// The bench's HTTP client, in a child process of its own: a load generator must not share the
// server's event loop nor its process (real clients are other machines), so that the CPU time the
// bench reads from /proc for the server process is the server's alone. Plain JavaScript so that it
// runs without a TypeScript loader. Takes its job as the one IPC message; answers with one.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const { url, headers, body, total, concurrency, firstIndex } = await new Promise((resolve) => process.once('message', resolve));
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
agent.destroy();
process.send({ seconds: (performance.now() - started) / 1000, latencies }, () => process.disconnect());
