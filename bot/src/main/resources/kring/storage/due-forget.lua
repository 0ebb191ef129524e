-- Forgets everything about one case's prompts: planned and handed out.
-- KEYS[1] due (sorted set), KEYS[2] due prompts (hash), KEYS[3] planned ids, KEYS[4] handed-out ids
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
redis.call('DEL', KEYS[3], KEYS[4])
return 1
