-- A node is done showing a version of a place: it was shown (ARGV[2] is its version and ARGV[3]
-- what the platform calls the post now, or empty), or not (ARGV[2] is empty: the lease ends and the
-- place stays as it was). Nothing is kept for a case being erased.
-- KEYS[1] the case's places, KEYS[2] the case's erasure mark
-- ARGV[1] the place and conversation (the field), ARGV[2] the version or '', ARGV[3] the post or ''
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local shown, post = -1, ''
if stored then
  local a = string.find(stored, ' ', 1, true)
  local b = string.find(stored, ' ', a + 1, true)
  shown = tonumber(string.sub(stored, 1, a - 1))
  post = string.sub(stored, b + 1)
end
if ARGV[2] ~= '' and tonumber(ARGV[2]) >= shown then
  shown = tonumber(ARGV[2])
  post = ARGV[3]
end
if shown < 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], string.format('%d', shown) .. ' 0 ' .. post)
end
return 1
