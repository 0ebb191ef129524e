-- One client's wrong family links within a window, in one round trip.
-- KEYS[1]: the client's count. ARGV[1]: 'wrong' to count a wrong link, 'check' to read the count
-- (and count this request too once the count has reached ARGV[2], the allowed number).
-- ARGV[3]: the window in milliseconds, set when the count starts (INCR keeps an expiry).
-- Returns {the count, the milliseconds the window still lasts}.
local count
if ARGV[1] == 'wrong' then
  count = redis.call('INCR', KEYS[1])
else
  count = tonumber(redis.call('GET', KEYS[1]) or '0')
  if count == 0 then
    return {0, 0}
  end
  if count >= tonumber(ARGV[2]) then
    count = redis.call('INCR', KEYS[1])
  end
end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  left = tonumber(ARGV[3])
end
return {count, left}
