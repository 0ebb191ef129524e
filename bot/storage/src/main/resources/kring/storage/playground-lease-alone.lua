-- The time machine asks to move the playground's clock: it may once nobody else holds the lease.
-- Until then it leaves a mark that it waits, which keeps new polls from starting meanwhile.
-- KEYS[1] the lease
-- ARGV[1] now (epoch ms), ARGV[2] the time machine's id, ARGV[3] how long a hold lasts unless
-- renewed (ms), ARGV[4] how long the mark that it waits lasts unless renewed (ms)
-- Returns 1 when the time machine holds the lease alone, 0 when it must wait.
local now = tonumber(ARGV[1])
local waiting = 'waiting:' .. ARGV[2]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for _, holder in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(holder, 1, 8) ~= 'waiting:' then
    redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[4])), waiting)
    if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[4]) then
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
    end
    return 0
  end
end
redis.call('ZREM', KEYS[1], waiting)
redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[3])), 'alone:' .. ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
