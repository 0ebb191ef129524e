-- Stores a new case, unless its code is in use or was erased (a code is never used again:
-- re-erasing after a restore would take the new case with it).
-- KEYS[1] the case hash, KEYS[2] the case's erasure mark (both of one case)
-- ARGV[1] schema, ARGV[2] revision, ARGV[3] document
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then
  return 'code-taken'
end
redis.call('HSET', KEYS[1], 'schema', ARGV[1], 'revision', ARGV[2], 'doc', ARGV[3])
return 'created'
