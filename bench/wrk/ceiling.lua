dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
request = function()
  return wrk.format("GET", "/health/liveness")
end
