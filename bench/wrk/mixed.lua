dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
-- 80% reads of random existing users, 20% creates.
request = function()
  if math.random() < 0.8 then
    return random_get()
  end
  return distinct_post()
end
