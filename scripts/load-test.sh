#!/usr/bin/env bash
# The load test of the README's "Load test" section: builds the solution (Release), then runs RobustLab.Load, which
# starts the app itself (Release build, Production environment, a temporary registry) and drives it with simulated
# users over the real Blazor Server protocol. Not part of ./test.sh.
#
#   scripts/load-test.sh                       # the full run: 100 users (10 sweeping), 10 minutes, first 60 s warm-up
#   scripts/load-test.sh --users 20 --minutes 2 --warmup 30
#   scripts/load-test.sh --env RobustLab__Jobs__MaxQueued=4     # any server setting, as an environment variable
#
# The report (text + JSON) goes to artifacts/load/. Exit code 0 when every target is met, 1 when one is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every load-test user comes from 127.0.0.1 and each opens a circuit: raise the per-client and total circuit limits
# above the user count so that the test measures the lab, not the limits (set them yourself to override these).
users=100
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--users" ] && [ $((i + 1)) -lt ${#args[@]} ]; then users=${args[$((i + 1))]}; fi
done
limit=$((users + 20))
total=$((limit > 200 ? limit : 200))
export RobustLab__Limits__CircuitsPerClient="${RobustLab__Limits__CircuitsPerClient:-$limit}"
export RobustLab__Limits__CircuitsTotal="${RobustLab__Limits__CircuitsTotal:-$total}"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  dotnet build RobustLab.sln -c Release -nologo -v q
fi
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (a busy machine inflates every latency)"
exec dotnet RobustLab.Load/bin/Release/net10.0/robustlab-load.dll "$@"
