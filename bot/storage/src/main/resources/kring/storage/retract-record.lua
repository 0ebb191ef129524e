-- Keeps what Kring posted for a case, unless the case is being erased: then nothing is kept and
-- the caller queues the items for deletion at once.
-- The items of one conversation share one entry of the list: its head (the platform, the kind,
-- the origin and the conversation, empty for a file, separated by spaces) and then their ids in the
-- order they were posted, each after a space; the oldest ids beyond ARGV[1] drop off. An item that
-- does not fit that form is an entry of its own, as JSON. So was every item an older Kring kept:
-- the first time this script sees such entries, it folds those that fit into their conversations.
-- KEYS[1] the case's erasure mark, KEYS[2] the case's posted list (both of one case)
-- ARGV[1] how many ids a conversation keeps, ARGV[2] how many entries the list keeps,
-- then pairs: a conversation's head and an id, or '' and an item's JSON
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local keepIds = tonumber(ARGV[1])

-- Where a word can go in an entry: a string, not empty, without a space.
local function word(value)
  return type(value) == 'string' and value ~= '' and not string.find(value, ' ', 1, true)
end

-- Adds an id to the entry of its conversation, or starts one; drops the oldest beyond keepIds.
local function add(entries, heads, head, id)
  local at = heads[head]
  if not at then
    entries[#entries + 1] = head .. ' ' .. id
    heads[head] = #entries
    return #entries
  end
  local entry = entries[at] .. ' ' .. id
  -- A head holds three spaces; every further space starts an id.
  local ids = select(2, string.gsub(entry, ' ', ' ')) - 3
  while ids > keepIds do
    local first = string.find(entry, ' ', #head + 2, true)
    entry = head .. string.sub(entry, first)
    ids = ids - 1
  end
  entries[at] = entry
  return at
end

local stored = redis.call('LRANGE', KEYS[2], 0, -1)
local entries = {}
local heads = {}
local folded = false
for _, entry in ipairs(stored) do
  if string.sub(entry, 1, 1) == '{' then
    local ok, item = pcall(cjson.decode, entry)
    local conversation = ok and type(item) == 'table' and item.conversation
    if conversation == cjson.null or conversation == nil then
      conversation = ''
    end
    if ok and type(item) == 'table' and word(item.platform) and word(item.kind)
        and word(item.origin) and (conversation == '' or word(conversation)) and word(item.id) then
      add(entries, heads,
        item.platform .. ' ' .. item.kind .. ' ' .. item.origin .. ' ' .. conversation, item.id)
      folded = true
    else
      entries[#entries + 1] = entry
    end
  else
    entries[#entries + 1] = entry
    local head = string.match(entry, '^([^ ]+ [^ ]+ [^ ]+ [^ ]*) ')
    if head and not heads[head] then
      heads[head] = #entries
    end
  end
end

local changed = {}
for i = 3, #ARGV, 2 do
  if ARGV[i] == '' then
    entries[#entries + 1] = ARGV[i + 1]
    changed[#entries] = true
  else
    changed[add(entries, heads, ARGV[i], ARGV[i + 1])] = true
  end
end

if folded then
  redis.call('DEL', KEYS[2])
  for first = 1, #entries, 500 do
    redis.call('RPUSH', KEYS[2], unpack(entries, first, math.min(first + 499, #entries)))
  end
else
  for at = 1, #entries do
    if changed[at] then
      if at <= #stored then
        redis.call('LSET', KEYS[2], at - 1, entries[at])
      else
        redis.call('RPUSH', KEYS[2], entries[at])
      end
    end
  end
end
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
return 1
