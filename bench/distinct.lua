-- wrk: every request a new query string, so the framework renders a different page each
-- time (the query is in __NEXT_DATA__) and no encoding of an earlier body can be reused.
local n = 0

request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "?r=" .. n)
end
