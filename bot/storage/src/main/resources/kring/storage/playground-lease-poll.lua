-- A node's background poll asks to run: it may while the time machine neither moves the
-- playground's clock nor waits to (polls run side by side, as they do outside the playground).
-- KEYS[1] the lease
-- ARGV[1] now (epoch ms), ARGV[2] the poll's member, ARGV[3] how long a hold lasts unless renewed (ms)
-- Returns 1 when the poll holds the lease, 0 when it must skip this run.
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for _, holder in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(holder, 1, 5) ~= 'poll:' then
    return 0
  end
end
redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[3])), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
