-- Takes up to ARGV[2] due items of the deletion queue for one node: each is due again only when
-- its lease is over, so no other node takes it meanwhile.
-- KEYS[1] the deletion queue
-- ARGV[1] now (epoch ms), ARGV[2] the most to take, ARGV[3] the lease (ms)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local leased = tonumber(ARGV[1]) + tonumber(ARGV[3])
for _, item in ipairs(due) do
  redis.call('ZADD', KEYS[1], 'XX', leased, item)
end
return due
