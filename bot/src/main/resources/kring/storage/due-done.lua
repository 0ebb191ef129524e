-- A claimed prompt is finished (sent, or dropped on purpose): its claim and its record go, and it
-- is remembered as handed out until its window ended a day ago, so that planning again never
-- brings it back meanwhile. Remembered prompts whose window ended longer ago are forgotten.
-- KEYS[1] prompts by id, KEYS[2] claimed ids, KEYS[3] handed-out ids (all of one case)
-- ARGV[1] now (epoch ms), ARGV[2] how long a handed-out id is kept past its window (ms), then
-- pairs of id and the end of its window (epoch ms)
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZADD', KEYS[3], ARGV[i + 1], id)
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
return 1
