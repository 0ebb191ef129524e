-- Makes a conversation wait until a later moment (a platform's Retry-After), never shorter.
-- KEYS[1] the conversation's pace key
-- ARGV[1] now (epoch ms), ARGV[2] until (epoch ms)
local now = tonumber(ARGV[1])
local holdUntil = tonumber(ARGV[2])
if holdUntil <= now then
  return 0
end
local waitUntil = redis.call('GET', KEYS[1])
if waitUntil and tonumber(waitUntil) >= holdUntil then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', holdUntil - now)
return 1
