-- Puts a handed-out prompt off to a later moment. It stays handed out, so planning again never
-- brings back the planner's copy, and it is kept apart from the planned ids, so planning again
-- does not drop it either.
-- KEYS[1] due (sorted set), KEYS[2] due prompts (hash), KEYS[3] the case's planned ids,
-- KEYS[4] the case's handed-out ids, KEYS[5] the case's put-off ids
-- ARGV[1] id, ARGV[2] due time (epoch ms), ARGV[3] JSON
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[1])
return 1
