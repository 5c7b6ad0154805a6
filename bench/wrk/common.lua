-- Shared by the workloads: counts answers per status class in every thread, and prints one
-- machine-readable line when wrk is done. Loaded with dofile() by each workload script.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  created = 0
  counter = 0
  seeded = tonumber(os.getenv("BENCH_SEEDED") or "10000")
  run = os.getenv("BENCH_RUN") or tostring(os.time())
  -- BENCH_TOKEN, when set, goes on every request as a bearer token.
  token = os.getenv("BENCH_TOKEN")
  math.randomseed(os.time() + tid * 7919)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  end
end

function with_token(headers)
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return headers
end

function random_get()
  return wrk.format("GET", "/users/" .. math.random(1, seeded), with_token({}))
end

function distinct_post()
  counter = counter + 1
  local key = run .. "-" .. tid .. "-" .. counter
  local body = '{"name": "Bench ' .. key .. '", "email": "b' .. key .. '@bench.example"}'
  return wrk.format("POST", "/users", with_token({["Content-Type"] = "application/json"}), body)
end

function done(summary, latency, requests)
  local total_created = 0
  for _, thread in ipairs(threads) do
    total_created = total_created + (thread:get("created") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d created=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
    e.connect + e.read + e.write + e.timeout, total_created))
end

-- A membership per request, each pair of (group, user) its own: BENCH_SEEDED users times
-- BENCH_GROUPS groups, walked by the threads in turn from BENCH_OFFSET, which each run moves on.
function distinct_member()
  counter = counter + 1
  local groups = tonumber(os.getenv("BENCH_GROUPS") or "200")
  -- Two threads, as every bench here runs wrk (-t2); setup's table of threads is not theirs.
  local index = tonumber(os.getenv("BENCH_OFFSET") or "0") + counter * 2 + tid
  local user = index % seeded + 1
  local group = math.floor(index / seeded) % groups + 1
  return wrk.format("PUT", "/groups/" .. group .. "/members/" .. user, with_token({}))
end
