-- Takes a conversation's pace for one message, unless the conversation still waits.
-- KEYS[1] the conversation's pace key
-- ARGV[1] now (epoch ms), ARGV[2] the platform's pace (ms)
-- Returns false when the message may go now, else until when the conversation waits (epoch ms).
local now = tonumber(ARGV[1])
local waitUntil = redis.call('GET', KEYS[1])
if waitUntil and tonumber(waitUntil) > now then
  return waitUntil
end
local wait = tonumber(ARGV[2])
if wait > 0 then
  redis.call('SET', KEYS[1], string.format('%d', now + wait), 'PX', wait)
end
return false
