#!/usr/bin/env bash
# The project's test command (README quick start): builds and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Daybreak.slnx -c Release --nologo -v q "$@"
