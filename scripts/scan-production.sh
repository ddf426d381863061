#!/usr/bin/env bash
# Scans a Production instance with wapiti (web vulnerability scanner) and sqlmap (SQL injection), signed in where the
# tools allow it: starts the instance with scripts/smoke-production.sh --keep (published build, Production, documented
# settings, an administrator and a clinician signed in with TOTP), runs both tools against it, prints a summary and
# stops the instance. Reports are kept in .local-scan/ (wapiti JSON, sqlmap logs).
#
#   ./scripts/scan-production.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
apt_install wapiti sqlmap jq curl
OUT="$ROOT/.local-scan"
rm -rf "$OUT"
mkdir -p "$OUT"
export VOICEASSIST_SMOKE_DIR="$ROOT/.local-production"
# The scanners send thousands of requests from one address and one account: the per-minute limits would answer most
# of them with 429 and hide what the endpoints do, so the scanned instance allows more (documented keys).
export VOICEASSIST_SMOKE_EXTRA_SETTINGS="RateLimiting__PermitsPerMinutePerClient=100000
Identity__RateLimits__SignInPerMinutePerIp=100000
Identity__RateLimits__SignInPerMinutePerAccount=100000
Identity__RateLimits__ExpensivePerMinutePerUser=100000
Identity__RateLimits__ExpensivePerMinutePerIp=100000"
"$ROOT/scripts/smoke-production.sh" --keep
trap '"$ROOT/scripts/smoke-production.sh" --stop >/dev/null' EXIT
# shellcheck disable=SC1091
. "$VOICEASSIST_SMOKE_DIR/instance.env"

echo
echo "== wapiti: the page and the API, as the administrator"
# Start points beyond the page: the API's GET endpoints with parameters (the crawler cannot find them in the page's
# script). Modules: wapiti's default set plus backup files, CRLF, CSRF and HTTP methods.
wapiti -u "$URL/" --scope folder --flush-session -f json -o "$OUT/wapiti.json" \
  -H "Authorization: Bearer $ADMIN_TOKEN" \
  -s "$URL/api/compliance/audit?action=identity.signed_in&pageSize=5" \
  -s "$URL/api/compliance/audit/export?format=csv&action=identity.signed_in" \
  -s "$URL/api/knowledge/documents/$DOCUMENT_ID" \
  -s "$URL/api/knowledge/documents/$DOCUMENT_ID/text" \
  -s "$URL/api/calculators/cha2ds2-vasc" \
  -s "$URL/api/identity/me" \
  -s "$URL/admin/" \
  -m "blindsql,cookieflags,csp,exec,file,http_headers,permanentxss,redirect,sql,ssrf,xss,backup,crlf,csrf,methods" --max-scan-time 300 --max-attack-time 60 >"$OUT/wapiti.log" 2>&1 || true
if [ -s "$OUT/wapiti.json" ]; then
  jq -r '.vulnerabilities | to_entries[] | "\(.key): \(.value | length)"' "$OUT/wapiti.json" | tee "$OUT/wapiti-summary.txt"
  jq -r '.vulnerabilities | to_entries[] | select(.value | length > 0) | .key as $k | .value[] | "  \($k): \(.method) \(.path) \(.parameter // "") \(.info)"' "$OUT/wapiti.json" | tee -a "$OUT/wapiti-summary.txt"
  jq -r '.anomalies | to_entries[] | select(.value | length > 0) | .key as $k | .value[] | "  anomaly \($k): \(.method) \(.path) \(.info)"' "$OUT/wapiti.json" | tee -a "$OUT/wapiti-summary.txt"
else
  echo "wapiti wrote no report:"; tail -n 30 "$OUT/wapiti.log"
fi

echo
echo "== sqlmap: every parameter that reaches a query, signed in where the endpoint needs it"
sqlmap_run() { # name, then sqlmap arguments
  local name=$1; shift
  sqlmap --batch --flush-session --level 1 --risk 1 --threads 2 --time-sec 2 --output-dir "$OUT/sqlmap" "$@" >"$OUT/sqlmap-$name.log" 2>&1 || true
  if grep -q "is vulnerable\|appears to be injectable\|sqlmap identified the following injection point" "$OUT/sqlmap-$name.log"; then
    echo "$name: INJECTABLE (see $OUT/sqlmap-$name.log)"
  elif grep -q "do not appear to be injectable\|does not seem to be injectable" "$OUT/sqlmap-$name.log"; then
    echo "$name: not injectable ($(grep -c "testing '" "$OUT/sqlmap-$name.log") tests)"
  else
    echo "$name: inconclusive: $(grep -E "CRITICAL|ERROR" "$OUT/sqlmap-$name.log" | tail -n 1)"
  fi
}
{
  sqlmap_run knowledge-search -u "$URL/api/knowledge/search" --method POST --data '{"query":"adrenaline*"}' \
    -H "Authorization: Bearer $CLINICIAN_TOKEN" -H "Content-Type: application/json"
  sqlmap_run conversation-turn -u "$URL/api/conversations/$CONVERSATION_ID/turns" --method POST --data '{"text":"adrenaline dose*"}' \
    -H "Authorization: Bearer $CLINICIAN_TOKEN" -H "Content-Type: application/json"
  sqlmap_run audit-search -u "$URL/api/compliance/audit?action=identity.signed_in*&actorId=x*&resourceType=x*" \
    -H "Authorization: Bearer $ADMIN_TOKEN"
  sqlmap_run document-by-id -u "$URL/api/knowledge/documents/$DOCUMENT_ID*" -H "Authorization: Bearer $ADMIN_TOKEN"
  sqlmap_run calculator -u "$URL/api/calculators/cha2ds2-vasc*" -H "Authorization: Bearer $CLINICIAN_TOKEN"
  sqlmap_run sign-in --ignore-code 401 -u "$URL/api/identity/token" --method POST --data '{"email":"nobody@smoke.example*","password":"wrong*"}' \
    -H "Content-Type: application/json"
} | tee "$OUT/sqlmap-summary.txt"

echo
echo "Errors the host logged during the scans (a 500 would show here):"
grep -c '"Level":"Error"' "$VOICEASSIST_SMOKE_DIR/host.log" || true
grep '"Level":"Error"' "$VOICEASSIST_SMOKE_DIR/host.log" | jq -r '.RenderedMessage + " " + (.Properties.RequestPath // "")' 2>/dev/null | sort | uniq -c | head -20 | tee "$OUT/host-errors.txt"
