#!/usr/bin/env bash
# The project's test command (README quick start): builds and runs every test project in Release,
# then prints one closing line with the totals over all test projects.
set -uo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
dotnet test Daybreak.slnx -c Release --nologo -v q "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The decoders' JSON reader and Sigma's record scan read 32 bytes at a time where the processor has 256-bit vectors
# and 16 at a time where it has only 128-bit ones (most ARM machines): their tests run again on the second path.
if [[ $# -eq 0 ]]; then
  DOTNET_EnableAVX2=0 dotnet test tests/Daybreak.Core.Tests -c Release --nologo -v q --no-build \
    --filter "FullyQualifiedName~JsonLineReaderTests|FullyQualifiedName~JsonFieldCaptureTests" 2>&1 | tee -a "$log"
  second=${PIPESTATUS[0]}
  [[ $status -eq 0 ]] && status=$second
fi
sum() { grep -oE "$1: +[0-9]+" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
