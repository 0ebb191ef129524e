-- Replaces a case document only if it is still at the revision the writer read, and counts the
-- revision up. Returns the new revision, or -1 when someone else wrote first (or the case is gone).
-- KEYS[1] the case hash
-- ARGV[1] the revision the writer read, ARGV[2] schema, ARGV[3] document
local stored = redis.call('HGET', KEYS[1], 'revision')
if not stored or tonumber(stored) ~= tonumber(ARGV[1]) then
  return -1
end
local revision = string.format('%d', tonumber(stored) + 1)
redis.call('HSET', KEYS[1], 'schema', ARGV[2], 'revision', revision, 'doc', ARGV[3])
return tonumber(revision)
