-- Replaces everything planned for one case, leaving out prompts already handed out.
-- KEYS[1] due (sorted set), KEYS[2] due prompts (hash), KEYS[3] the case's planned ids (set),
-- KEYS[4] the case's handed-out ids (set)
-- ARGV: id, due time (epoch ms), JSON — repeated for each prompt
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
redis.call('DEL', KEYS[3])
local planned = 0
for i = 1, #ARGV, 3 do
  local id = ARGV[i]
  if redis.call('SISMEMBER', KEYS[4], id) == 0 then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], id)
    redis.call('HSET', KEYS[2], id, ARGV[i + 2])
    redis.call('SADD', KEYS[3], id)
    planned = planned + 1
  end
end
return planned
