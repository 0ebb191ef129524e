-- Stores a new case and binds its channel, both or neither.
-- KEYS[1] the case hash, KEYS[2] the channel binding, KEYS[3] the codes of erased cases (a code
-- is never used again: re-erasing after a restore would take the new case with it)
-- ARGV[1] schema, ARGV[2] revision, ARGV[3] document, ARGV[4] case code
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 'channel-taken'
end
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then
  return 'code-taken'
end
redis.call('HSET', KEYS[1], 'schema', ARGV[1], 'revision', ARGV[2], 'doc', ARGV[3])
redis.call('SET', KEYS[2], ARGV[4])
return 'created'
