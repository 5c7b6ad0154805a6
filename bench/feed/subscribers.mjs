// S event streams on one server while a writer creates users at R a second: for every event and
// every stream, the time from the writer's 201 to the event's arrival on that stream. The streams
// are read by two worker threads; the writer runs on the main thread.
//
// Usage: node bench/feed/subscribers.mjs BASE_URL SUBSCRIBERS WRITES_PER_SECOND SECONDS [WARMUP]
// The first WARMUP seconds (default 5) of writes are not measured: the JIT is still at work.
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

if (!isMainThread) {
  const { base, count } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: count + 1 });
  const streams = [];
  let open = 0;
  for (let i = 0; i < count; i++) {
    const stream = { arrivals: [], ids: [], positions: [], buffer: '', ended: false };
    streams.push(stream);
    http.get(`${base}/events`, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        throw new Error(`stream answered ${res.statusCode}`);
      }
      res.setEncoding('utf8');
      if (++open === count) parentPort.postMessage({ type: 'open' });
      res.on('data', (chunk) => {
        const at = now();
        stream.buffer += chunk;
        let end;
        while ((end = stream.buffer.indexOf('\n\n')) >= 0) {
          const frame = stream.buffer.slice(0, end);
          stream.buffer = stream.buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(frame);
          if (!id) continue;
          const rid = /"resourceId":"(\d+)"/.exec(frame);
          stream.positions.push(Number(id[1]));
          stream.ids.push(rid ? Number(rid[1]) : -1);
          stream.arrivals.push(at);
        }
      });
      res.on('end', () => { stream.ended = true; });
    }).on('error', (e) => { stream.ended = true; stream.error = String(e); });
  }
  parentPort.on('message', (m) => {
    if (m.type === 'report') {
      parentPort.postMessage({
        type: 'report',
        streams: streams.map((s) => ({
          arrivals: s.arrivals, ids: s.ids, positions: s.positions, ended: s.ended, error: s.error,
        })),
      });
    }
  });
} else {
  const [base, subscribersArg, rateArg, secondsArg, warmupArg] = process.argv.slice(2);
  const warmup = Number(warmupArg ?? 5);
  const subscribers = Number(subscribersArg);
  const rate = Number(rateArg);
  const seconds = Number(secondsArg);
  const half = Math.ceil(subscribers / 2);
  const workers = [half, subscribers - half].filter((n) => n > 0).map(
    (count) => new Worker(new URL(import.meta.url), { workerData: { base, count } }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.on('message', (m) => {
    if (m.type === 'open') resolve();
  }))));
  console.log(`${subscribers} streams open; writing ${rate} users a second for ${warmup} s`
    + ` (not measured), then ${seconds} s`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const acknowledged = new Map();
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  const post = (i) => new Promise((resolve) => {
    inFlight++;
    const req = http.request(`${base}/users`, {
      method: 'POST', agent, headers: { 'Content-Type': 'application/json' },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        const at = now();
        inFlight--;
        if (res.statusCode === 201) acknowledged.set(JSON.parse(body).id, at);
        else failed++;
        resolve();
      });
    });
    req.on('error', () => { inFlight--; failed++; resolve(); });
    req.end(JSON.stringify({ name: `Feed ${i}` }));
  });
  const warm = [];
  const warmStart = now();
  for (let i = 0; i < rate * warmup; i++) {
    const wait = warmStart + (i * 1000) / rate - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    warm.push(post(-1 - i));
  }
  await Promise.all(warm);
  acknowledged.clear();
  failed = 0;
  const start = now();
  const total = rate * seconds;
  const pending = [];
  while (sent < total) {
    const due = start + (sent * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(post(sent++));
  }
  await Promise.all(pending);
  const elapsed = (now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 2000));

  const reports = await Promise.all(workers.map((w) => new Promise((resolve) => {
    w.on('message', (m) => { if (m.type === 'report') resolve(m.streams); });
    w.postMessage({ type: 'report' });
  })));
  const streams = reports.flat();
  const delays = [];
  let complete = 0;
  let inOrder = 0;
  const expected = acknowledged.size;
  for (const s of streams) {
    let ordered = true;
    for (let k = 1; k < s.positions.length; k++) {
      if (s.positions[k] !== s.positions[k - 1] + 1) ordered = false;
    }
    if (ordered) inOrder++;
    let measured = 0;
    for (let k = 0; k < s.ids.length; k++) {
      const ack = acknowledged.get(s.ids[k]);
      if (ack !== undefined) {
        measured++;
        delays.push(Math.max(0, s.arrivals[k] - ack));
      }
    }
    if (measured === expected) complete++;
  }
  delays.sort((a, b) => a - b);
  const at = (q) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))];
  console.log(`writes: ${expected} acknowledged, ${failed} failed, at ${(expected / elapsed).toFixed(0)}/s`);
  console.log(`streams: ${complete} of ${streams.length} got all ${expected} events,`
    + ` ${inOrder} in order with no gap`);
  console.log(`RESULT subscribers=${subscribers} rate=${rate} deliveries=${delays.length}`
    + ` p50_ms=${at(0.5).toFixed(1)} p99_ms=${at(0.99).toFixed(1)} max_ms=${delays[delays.length - 1].toFixed(1)}`);
  process.exit(0);
}
