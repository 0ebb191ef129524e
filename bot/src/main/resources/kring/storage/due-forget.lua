-- Forgets everything about one case's prompts: planned, put off and handed out.
-- KEYS[1] due (sorted set), KEYS[2] due prompts (hash), KEYS[3] planned ids, KEYS[4] handed-out
-- ids, KEYS[5] put-off ids
for _, set in ipairs({KEYS[3], KEYS[5]}) do
  for _, id in ipairs(redis.call('SMEMBERS', set)) do
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
  end
end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5])
return 1
