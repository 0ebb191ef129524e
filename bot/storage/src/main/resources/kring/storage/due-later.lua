-- Puts a prompt off to a later moment, whether it was claimed or only planned: it is kept apart
-- from what the planner plans, so that planning again neither drops it nor plans the original.
-- KEYS[1] planned ids by due time, KEYS[2] prompts by id, KEYS[3] put-off ids, KEYS[4] claimed ids
-- (all of one case)
-- ARGV[1] id, ARGV[2] due time (epoch ms), ARGV[3] stored value
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
