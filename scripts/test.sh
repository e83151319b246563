#!/usr/bin/env bash
# The project's test command (README quick start): builds and runs every test project in Release,
# then prints one closing line with the totals over all test projects.
set -uo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
dotnet test Daybreak.slnx -c Release --nologo -v q "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
sum() { grep -oE "$1: +[0-9]+" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
