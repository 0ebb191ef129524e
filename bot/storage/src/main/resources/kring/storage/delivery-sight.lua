-- Decides whether a platform sent a delivery before, by its marks in order, and writes a language
-- the speaker chose only where it did not: all in the speaker's slot, with the turn's read.
-- KEYS[1..n] the delivery's marks; KEYS[n+1] the speaker's preferences, when a language is kept
-- ARGV[1] n; ARGV[2..n+1] how long each mark is remembered (ms); ARGV[n+2..] the fields and values
-- that write the language, when one is kept
-- Returns 0 when no mark was remembered (each is remembered from now), else the number of the
-- first mark found remembered (the marks after it are left as they were, and no language is
-- written).
local n = tonumber(ARGV[1])
for i = 1, n do
  if not redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[i + 1]) then
    return i
  end
end
if #KEYS > n then
  redis.call('HSET', KEYS[n + 1], unpack(ARGV, n + 2))
end
return 0
