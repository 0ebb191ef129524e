-- Moves a case to another channel: stores the changed document (at the revision the writer read)
-- and binds the new channel in place of the old one, all or nothing.
-- KEYS[1] the case hash, KEYS[2] the old channel binding, KEYS[3] the new channel binding
-- ARGV[1] the revision the writer read, ARGV[2] schema, ARGV[3] document, ARGV[4] case code
-- Returns the new revision, -1 when someone else wrote first, -2 when the new channel is taken.
local stored = redis.call('HGET', KEYS[1], 'revision')
if not stored or tonumber(stored) ~= tonumber(ARGV[1]) then
  return -1
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  return -2
end
local revision = string.format('%d', tonumber(stored) + 1)
redis.call('HSET', KEYS[1], 'schema', ARGV[2], 'revision', revision, 'doc', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[4] then
  redis.call('DEL', KEYS[2])
end
redis.call('SET', KEYS[3], ARGV[4])
return tonumber(revision)
