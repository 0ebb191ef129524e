-- Adds to one case's counts of what became of its prompts.
-- KEYS[1] the case's counts (hash)
-- ARGV pairs: field ("<kind>:<fate>"), how many to add
for i = 1, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
