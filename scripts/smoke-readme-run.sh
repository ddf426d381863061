#!/usr/bin/env bash
# Proves the README's run command works as a new user would run it: starts `./scripts/dev.sh run` with its own
# local data directory and port, waits for /health/ready to report Healthy, then stops everything it started.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
port=$(free_port 5180)
export VOICEASSIST_URL="http://localhost:$port"
export VOICEASSIST_LOCAL_DIR="${VOICEASSIST_LOCAL_DIR:-$ROOT/.local-smoke}"
log=$(mktemp)
"$ROOT/scripts/dev.sh" run >"$log" 2>&1 &
runner=$!
cleanup() {
  kill "$runner" 2>/dev/null || true
  pkill -f "VoiceAssist.Host.*--urls $VOICEASSIST_URL" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  "$ROOT/scripts/dev.sh" down >/dev/null 2>&1 || true
  rm -rf "$VOICEASSIST_LOCAL_DIR"
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  if body=$(curl -fsS "$VOICEASSIST_URL/health/ready" 2>/dev/null) && echo "$body" | grep -q '"status":"Healthy"'; then
    echo "README run command: $VOICEASSIST_URL/health/ready answered $body"
    curl -fsS -o /dev/null "$VOICEASSIST_URL/" && echo "README run command: $VOICEASSIST_URL/ serves the page"
    # The demo knowledge base ships in the repository and loads at the first start: one of its abstracts
    # (PMID 26163474, sublingual varices and hypertension) must be found by its own words.
    for _ in $(seq 1 120); do
      if found=$(curl -fsS -H 'Content-Type: application/json' -d '{"query":"sublingual varices hypertension","topK":3}' \
           "$VOICEASSIST_URL/api/knowledge/search" 2>/dev/null) && echo "$found" | grep -q '"externalId":"26163474"'; then
        echo "README run command: the demo knowledge base is searchable ($(curl -fsS "$VOICEASSIST_URL/api/knowledge/status"))"
        exit 0
      fi
      sleep 1
    done
    echo "The demo knowledge base was not searchable within 120 s; last search answered: ${found:-nothing}" >&2
    tail -n 50 "$log" >&2
    exit 1
  fi
  if ! kill -0 "$runner" 2>/dev/null; then
    echo "The run command exited early:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 1
done
echo "VoiceAssist did not become ready within 300 s:" >&2
tail -n 50 "$log" >&2
exit 1
