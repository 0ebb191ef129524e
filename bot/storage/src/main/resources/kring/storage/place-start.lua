-- A node is about to show a version of a place: refused when a newer version was shown, or when
-- another node is showing one (until its lease runs out); else the place is the node's for the
-- lease.
-- KEYS[1] the case's places, KEYS[2] the case's erasure mark
-- ARGV[1] the place and conversation (the field), ARGV[2] the version, ARGV[3] now (epoch ms),
-- ARGV[4] the lease (ms)
-- The field's value: the newest version shown, the end of the current lease (0 for none), and what
-- the platform calls the post (its JSON, or empty), separated by the first two spaces.
-- Returns {'stale'}, {'busy'} or {'go', post or ''}.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'stale'}
end
local version = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local shown, busy, post = -1, 0, ''
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if stored then
  local a = string.find(stored, ' ', 1, true)
  local b = string.find(stored, ' ', a + 1, true)
  shown = tonumber(string.sub(stored, 1, a - 1))
  busy = tonumber(string.sub(stored, a + 1, b - 1))
  post = string.sub(stored, b + 1)
end
if shown > version then
  return {'stale'}
end
if busy > now then
  return {'busy'}
end
redis.call('HSET', KEYS[1], ARGV[1],
  string.format('%d', shown) .. ' ' .. string.format('%d', now + tonumber(ARGV[4])) .. ' ' .. post)
return {'go', post}
