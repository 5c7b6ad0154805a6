// S event streams on one server while a writer creates users at R a second: for every event and
// every stream, the time from the writer's 201 to the event's arrival on that stream. The streams
// are read by two worker threads; the writer runs on the main thread.
//
// Usage: node bench/feed/subscribers.mjs BASE_URL SUBSCRIBERS WRITES_PER_SECOND SECONDS [WARMUP]
// The first WARMUP seconds (default 5) of writes are not measured: the JIT is still at work.
// With SERVER_PID set, it also prints the CPU the server and this client used per delivery over
// the measured seconds: on two shared cores, the two compete for the same CPU.
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';

const now = () => performance.timeOrigin + performance.now();

// The CPU microseconds process PID has used (utime + stime from /proc; ticks of 10 ms).
const serverCpu = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10000;
};

if (!isMainThread) {
  // Each stream records the measured seconds' events into arrays made once, of the size the run
  // needs: growing JavaScript arrays by tens of millions of numbers would pause this client for
  // garbage collection, and those pauses would be counted as the feed's delay. Order is checked
  // as events arrive, over the whole run.
  const { base, count, capacity } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: count + 1 });
  const streams = [];
  let open = 0;
  let measuring = false;
  for (let i = 0; i < count; i++) {
    const stream = {
      arrivals: new Float64Array(capacity), ids: new Int32Array(capacity), recorded: 0,
      overflow: false, last: -1, ordered: true, buffer: '', ended: false,
    };
    streams.push(stream);
    http.get(`${base}/events`, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        throw new Error(`stream answered ${res.statusCode}`);
      }
      res.setEncoding('utf8');
      if (++open === count) parentPort.postMessage({ type: 'open' });
      // Frames are found with indexOf, not regular expressions or a slice each: at a million
      // events a second on the server's own two cores, the client's parsing is part of the load.
      res.on('data', (chunk) => {
        const at = now();
        const text = stream.buffer.length > 0 ? stream.buffer + chunk : chunk;
        let start = 0;
        let end;
        while ((end = text.indexOf('\n\n', start)) >= 0) {
          if (text.startsWith('id: ', start)) {
            const line = text.indexOf('\n', start);
            const position = Number(text.slice(start + 4, line));
            if (stream.last >= 0 && position !== stream.last + 1) stream.ordered = false;
            stream.last = position;
            if (measuring) {
              const key = text.indexOf('"resourceId":"', line);
              const from = key + 14;
              if (stream.recorded === capacity) {
                stream.overflow = true;
              } else {
                stream.ids[stream.recorded] = key >= 0 && key < end
                  ? Number(text.slice(from, text.indexOf('"', from))) : -1;
                stream.arrivals[stream.recorded++] = at;
              }
            }
          }
          start = end + 2;
        }
        stream.buffer = start < text.length ? text.slice(start) : '';
      });
      res.on('end', () => { stream.ended = true; });
    }).on('error', (e) => { stream.ended = true; stream.error = String(e); });
  }
  parentPort.on('message', (m) => {
    if (m.type === 'measure') {
      measuring = true;
    } else if (m.type === 'report') {
      parentPort.postMessage({
        type: 'report',
        streams: streams.map((s) => ({
          arrivals: s.arrivals.subarray(0, s.recorded), ids: s.ids.subarray(0, s.recorded),
          ordered: s.ordered, overflow: s.overflow, ended: s.ended, error: s.error,
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
  // Room for the measured events, those of the last warm-up writes, and keep-alive to spare.
  const capacity = rate * (seconds + 3) + 1000;
  const workers = [half, subscribers - half].filter((n) => n > 0).map(
    (count) => new Worker(new URL(import.meta.url), { workerData: { base, count, capacity } }));
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
  // The streams record from here; events of warm-up writes that still arrive have no 201 here.
  for (const w of workers) w.postMessage({ type: 'measure' });
  await new Promise((r) => setTimeout(r, 200));
  const serverPid = process.env.SERVER_PID;
  const serverBefore = serverPid ? serverCpu(serverPid) : 0;
  const clientBefore = process.cpuUsage();
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
  const serverUsed = serverPid ? serverCpu(serverPid) - serverBefore : 0;
  const clientUsage = process.cpuUsage(clientBefore);
  const clientUsed = clientUsage.user + clientUsage.system;

  const reports = await Promise.all(workers.map((w) => new Promise((resolve) => {
    w.on('message', (m) => { if (m.type === 'report') resolve(m.streams); });
    w.postMessage({ type: 'report' });
  })));
  const streams = reports.flat();
  const delays = new Float64Array(streams.reduce((sum, s) => sum + s.ids.length, 0));
  let deliveries = 0;
  let complete = 0;
  let inOrder = 0;
  let overflowed = 0;
  const expected = acknowledged.size;
  for (const s of streams) {
    if (s.ordered) inOrder++;
    if (s.overflow) overflowed++;
    let measured = 0;
    for (let k = 0; k < s.ids.length; k++) {
      const ack = acknowledged.get(s.ids[k]);
      if (ack !== undefined) {
        measured++;
        delays[deliveries++] = Math.max(0, s.arrivals[k] - ack);
      }
    }
    if (measured === expected) complete++;
  }
  const measuredDelays = delays.subarray(0, deliveries).sort();
  const at = (q) => measuredDelays[Math.min(deliveries - 1, Math.floor(q * deliveries))];
  if (overflowed > 0) console.log(`${overflowed} streams had more events than room to record them`);
  console.log(`writes: ${expected} acknowledged, ${failed} failed, at ${(expected / elapsed).toFixed(0)}/s`);
  console.log(`streams: ${complete} of ${streams.length} got all ${expected} events,`
    + ` ${inOrder} in order with no gap`);
  const perDelivery = (us) => (deliveries > 0 ? us / deliveries : 0).toFixed(2);
  if (serverPid) {
    console.log(`CPU a delivery: server ${perDelivery(serverUsed)} us, this client`
      + ` ${perDelivery(clientUsed)} us (writes included; ${(serverUsed / 1e6).toFixed(1)} and`
      + ` ${(clientUsed / 1e6).toFixed(1)} CPU seconds in ${(elapsed + 2).toFixed(1)} s)`);
  }
  const ms = (q) => (deliveries > 0 ? at(q).toFixed(1) : 'none');
  console.log(`RESULT subscribers=${subscribers} rate=${rate} deliveries=${deliveries}`
    + ` p50_ms=${ms(0.5)} p99_ms=${ms(0.99)} max_ms=${ms(1)}`
    + (serverPid ? ` server_us=${perDelivery(serverUsed)} client_us=${perDelivery(clientUsed)}` : ''));
  process.exit(0);
}
