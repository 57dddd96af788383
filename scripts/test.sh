#!/usr/bin/env bash
# Runs KubeSharp's whole test suite: unit, integration (real SQLite, containerd) and end-to-end
# (the real kubectl and Python client against a server the tests start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dotnet build KubeSharp.slnx -c Release
dotnet test KubeSharp.slnx -c Release --no-build --logger "console;verbosity=normal"
