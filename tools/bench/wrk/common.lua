-- Shared by the bench's wrk scripts: headers from the environment, and a result line for the
-- bench to parse instead of wrk's human summary.
--   BENCH_HEADERS   "Name: value" pairs separated by newlines, sent with every request
local common = {}

function common.headers()
  local text = os.getenv("BENCH_HEADERS") or ""
  for name, value in text:gmatch("([^:\n]+):%s*([^\n]*)") do
    wrk.headers[name] = value
  end
end

function common.done(summary)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"microseconds":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}\n',
    summary.requests, summary.duration, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout))
end

return common
