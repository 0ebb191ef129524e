-- Takes up to ARGV[2] prompts due at ARGV[1] (epoch ms): exactly one caller gets each. A taken
-- prompt is remembered as handed out for its case, so planning again never brings it back.
-- KEYS[1] due (sorted set), KEYS[2] due prompts (hash)
-- ARGV[1] now, ARGV[2] how many at most, ARGV[3] the key prefix of the cases' planned-id sets,
-- ARGV[4] the key prefix of the cases' handed-out sets, ARGV[5] the key prefix of the cases'
-- put-off sets. A prompt id starts with its case code and a '/'.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local taken = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local json = redis.call('HGET', KEYS[2], id)
  redis.call('HDEL', KEYS[2], id)
  local code = string.match(id, '^([^/]+)/')
  if code then
    redis.call('SREM', ARGV[3] .. code, id)
    redis.call('SREM', ARGV[5] .. code, id)
    redis.call('SADD', ARGV[4] .. code, id)
  end
  if json then
    table.insert(taken, json)
  end
end
return taken
