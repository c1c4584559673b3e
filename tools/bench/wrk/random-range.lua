-- GET with a random `Range: bytes=a-b` of BENCH_RANGE_BYTES bytes inside a content of
-- BENCH_CONTENT_BYTES bytes, a new one for every request.
package.path = debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua;" .. package.path
local common = require("common")

common.headers()
local length = tonumber(os.getenv("BENCH_RANGE_BYTES"))
local last_start = tonumber(os.getenv("BENCH_CONTENT_BYTES")) - length

function init()
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
end

function request()
  local first = math.random(0, last_start)
  wrk.headers["Range"] = string.format("bytes=%d-%d", first, first + length - 1)
  return wrk.format("GET")
end

done = common.done
