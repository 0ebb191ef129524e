-- Replaces everything planned for one case (see replace_plan in due-plan.lua, put before this).
-- KEYS[1] planned ids by due time, KEYS[2] prompts by id, KEYS[3] put-off ids, KEYS[4] claimed ids,
-- KEYS[5] handed-out ids (all of one case)
-- ARGV: id, due time (epoch ms), stored value, personal (1 or 0) — repeated for each prompt
-- Returns the earliest moment something of the case is due or its claim runs out, or false.
replace_plan(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], 1, #ARGV / 4)
local earliest = next_look(KEYS[1], KEYS[4])
if earliest then
  return string.format('%d', earliest)
end
return false
