-- wrk: every request a different page (the URL's path with a number after it,
-- `/cached/2`, `/cached/3`, ...: wrk calls this once before its first request), in the
-- same order on every run: a second run asks for the pages the first one made, one each.
local n = 0

request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. n)
end
