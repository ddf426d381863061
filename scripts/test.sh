#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine with the .NET 10 SDK: installs the Debian packages the
# tests need (when run as root), builds everything, runs every test project against real PostgreSQL and Redis
# started from the machine's binaries, and ends with one summary line "N passed, N failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
cd "$ROOT"

apt_install $DEBIAN_PACKAGES_CORE $DEBIAN_PACKAGES_TOOLS $DEBIAN_PACKAGES_RUNTIME $DEBIAN_PACKAGES_INTEGRATIONS
ensure_node
if [ -x scripts/install-node-deps.sh ]; then scripts/install-node-deps.sh; fi

dotnet build VoiceAssist.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
# Every server a test starts inherits this marker, so the check at the end finds any that outlived the run.
VOICEASSIST_TEST_RUN="run-$$-$(date +%s)"
export VOICEASSIST_TEST_RUN
dotnet test VoiceAssist.sln -c Release --no-build -nologo -p:RunVoicePageTestsAlone=true "$@" 2>&1 | tee "$log" || status=$?
# The voice page's timing tests run alone, after the others: see tests/VoiceAssist.Voice.BrowserTests/*.csproj.
dotnet test tests/VoiceAssist.Voice.BrowserTests -c Release --no-build -nologo "$@" 2>&1 | tee -a "$log" || status=$?

# No server started by a test may outlive the suite (the fixtures stop what they start, even when a test host is
# killed). Their watchers poll every second, so allow them a moment.
sleep 5
leftovers=$(servers_started_by_run "$VOICEASSIST_TEST_RUN")
if [ -n "$leftovers" ]; then
  echo "Servers left running by the test run:" >&2
  echo "$leftovers" >&2
  echo "$leftovers" | awk '{print $1}' | xargs -r kill -9 2>/dev/null || true
  status=1
fi

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then status=1; fi
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "No test ran." >&2; status=1; fi
exit "$status"
