-- The same request every time: GET, or a body of BENCH_BODY_BYTES bytes with BENCH_METHOD.
package.path = debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua;" .. package.path
local common = require("common")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
common.headers()
local size = tonumber(os.getenv("BENCH_BODY_BYTES") or "0")
if size > 0 then
  wrk.body = string.rep("x", size)
end

done = common.done
