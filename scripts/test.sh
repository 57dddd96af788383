#!/usr/bin/env bash
# Runs KubeSharp's whole test suite (as root on a fresh Debian 12 machine): unit tests, integration
# tests against real SQLite and containerd, and end-to-end tests that drive the real kubectl and
# Python client against `kubesharp server` processes the tests start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dotnet build KubeSharp.slnx -c Release -nologo -v quiet
dotnet test KubeSharp.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
