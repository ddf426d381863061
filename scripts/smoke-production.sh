#!/usr/bin/env bash
# Proves the operator's path in docs/operations.md ("Running the published build"): publishes the host, starts it in
# Production with only the settings the docs list (its own PostgreSQL and Redis, as scripts/dev.sh runs them), creates
# the first administrator with --create-admin, accepts the invitation, signs in with TOTP MFA, adds a guideline to the
# knowledge base, invites a clinician who accepts and signs in with TOTP MFA, asks one typed question through the API
# and checks the cited answer. Stops everything it started.
#
#   ./scripts/smoke-production.sh            run the whole path, then stop
#   ./scripts/smoke-production.sh --keep     leave the instance running afterwards (for scripts/scan-production.sh);
#                                            its address and tokens are in $WORK/instance.env, stop it with --stop
#   ./scripts/smoke-production.sh --stop     stop an instance left running by --keep
# VOICEASSIST_SMOKE_EXTRA_SETTINGS: more lines for the environment file (documented keys), e.g. higher rate limits.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
WORK="${VOICEASSIST_SMOKE_DIR:-$ROOT/.local-production}"
MODE="${1:-run}"

stop_instance() {
  if [ -s "$WORK/host.pid" ] && kill -0 "$(cat "$WORK/host.pid")" 2>/dev/null; then
    kill "$(cat "$WORK/host.pid")"
    for _ in $(seq 1 30); do kill -0 "$(cat "$WORK/host.pid")" 2>/dev/null || break; sleep 1; done
  fi
  VOICEASSIST_LOCAL_DIR="$WORK/deps" "$ROOT/scripts/dev.sh" down >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

if [ "$MODE" = "--stop" ]; then stop_instance; echo "Stopped"; exit 0; fi
[ -e "$WORK" ] && { echo "$WORK exists: stop the earlier instance first ($0 --stop)." >&2; exit 1; }

apt_install $DEBIAN_PACKAGES_CORE curl jq openssl python3
mkdir -p "$WORK"
chmod 711 "$WORK"
if [ "$MODE" != "--keep" ]; then trap stop_instance EXIT; fi

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; [ -s "$WORK/host.log" ] && tail -n 40 "$WORK/host.log" >&2; exit 1; }

step "Publish the host"
dotnet publish "$ROOT/src/VoiceAssist.Host" -c Release -o "$WORK/app" -nologo -clp:ErrorsOnly >/dev/null
[ -f "$WORK/app/wwwroot/index.html" ] || fail "the published build has no wwwroot/index.html"

step "Start PostgreSQL and Redis"
VOICEASSIST_LOCAL_DIR="$WORK/deps" "$ROOT/scripts/dev.sh" up >/dev/null
# shellcheck disable=SC1091
. "$WORK/deps/dev.env"

step "Write the environment file (deploy/systemd/voiceassist.env.example, filled in)"
port=$(free_port 5480)
URL="http://127.0.0.1:$port"
umask 077
cat > "$WORK/voiceassist.env" <<ENV
ASPNETCORE_ENVIRONMENT=Production
ASPNETCORE_URLS=$URL
ConnectionStrings__VoiceAssist="$ConnectionStrings__VoiceAssist"
ConnectionStrings__Redis="$ConnectionStrings__Redis"
Compliance__Encryption__MasterKey="$(openssl rand -base64 32)"
Identity__Mfa__SecretEncryptionKey="$(openssl rand -base64 32)"
Identity__Tokens__SigningKey="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 2>/dev/null)"
Identity__Mfa__RequiredForAllRoles=true
ForwardedHeaders__KnownProxies=127.0.0.1
${VOICEASSIST_SMOKE_EXTRA_SETTINGS:-}
ENV
umask 022
host() { # runs the published host with the environment file and nothing else, from a directory that is not its own
  (cd / && env -i PATH="$PATH" HOME="$WORK" DOTNET_CLI_HOME="$WORK" bash -c 'set -a; . "$0"; set +a; shift; exec dotnet "$@"' "$WORK/voiceassist.env" - "$WORK/app/VoiceAssist.Host.dll" "$@")
}

step "Migrate (dotnet VoiceAssist.Host.dll --migrate)"
host --migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; fail "--migrate"; }

step "Create the first administrator (dotnet VoiceAssist.Host.dll --create-admin)"
ADMIN_EMAIL="admin@smoke.example"
host --create-admin "$ADMIN_EMAIL" "Smoke Administrator" >"$WORK/create-admin.log" 2>&1 || { cat "$WORK/create-admin.log" >&2; fail "--create-admin"; }
ADMIN_INVITATION=$(grep -A1 "One-time invitation token" "$WORK/create-admin.log" | tail -n 1 | tr -d '[:space:]')
[ -n "$ADMIN_INVITATION" ] || fail "no invitation token printed"

step "Start the host in Production"
(cd / && env -i PATH="$PATH" HOME="$WORK" DOTNET_CLI_HOME="$WORK" bash -c 'set -a; . "$0"; set +a; exec dotnet "$1"' "$WORK/voiceassist.env" "$WORK/app/VoiceAssist.Host.dll") >"$WORK/host.log" 2>&1 &
echo $! > "$WORK/host.pid"
for _ in $(seq 1 180); do
  curl -fsS "$URL/health/ready" 2>/dev/null | grep -q '"status":"Healthy"' && break
  kill -0 "$(cat "$WORK/host.pid")" 2>/dev/null || fail "the host exited"
  sleep 1
done
curl -fsS "$URL/health/ready" | grep -q '"status":"Healthy"' || fail "not ready within 180 s"
grep -q '"Hosting environment: Production"\|Hosting environment: Production' "$WORK/host.log" || grep -q 'Production' "$WORK/host.log" || fail "not started in Production"
echo "ready at $URL"

step "The page is served, with its security headers, and its source map is not"
page_headers=$(curl -fsS -D - -o "$WORK/index.html" "$URL/")
grep -q "<title>VoiceAssist</title>" "$WORK/index.html" || fail "the page is not served"
echo "$page_headers" | grep -qi "^content-security-policy: default-src 'self'" || fail "no Content-Security-Policy on the page"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/app.js.map")" = "404" ] || fail "the source map is served"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/conversations")" = "401" ] || fail "an anonymous caller is not refused"

api() { # method path [json] [token] -> body on stdout; fails on a status >= 400
  local response status
  response=$(curl -sS -X "$1" "$URL$2" -H 'Content-Type: application/json' ${4:+-H "Authorization: Bearer $4"} ${3:+--data "$3"} -w '\n%{http_code}')
  status=$(tail -n 1 <<<"$response")
  [ "$status" -lt 400 ] || fail "$1 $2 answered $status: $(head -n -1 <<<"$response")"
  head -n -1 <<<"$response"
}
totp() { # base32 key -> the current six-digit code (RFC 6238, SHA-1, 30 s)
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1].upper() + "=" * (-len(sys.argv[1]) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}
sign_in_enrolling_totp() { # email password -> access token on stdout; enrolls an authenticator at first sign-in
  local first mfa setup key
  first=$(api POST /api/identity/token "$(jq -nc --arg e "$1" --arg p "$2" '{email:$e,password:$p}')")
  [ "$(jq -r .status <<<"$first")" = "mfa_enrollment_required" ] || fail "expected MFA enrollment for $1, got $first"
  mfa=$(jq -r .mfaToken <<<"$first")
  setup=$(api POST /api/identity/token/mfa/enrollment "$(jq -nc --arg t "$mfa" '{mfaToken:$t}')")
  key=$(jq -r .sharedKey <<<"$setup" | tr -d ' ')
  echo "$key" > "$WORK/totp-$1"
  api POST /api/identity/token/mfa/enrollment/confirm "$(jq -nc --arg t "$mfa" --arg c "$(totp "$key")" '{mfaToken:$t,code:$c}')" | jq -r .tokens.accessToken
}

step "The administrator accepts the invitation and signs in with TOTP"
ADMIN_PASSWORD="smoke admin passphrase $(random_secret)"
api POST /api/identity/invitations/accept "$(jq -nc --arg t "$ADMIN_INVITATION" --arg p "$ADMIN_PASSWORD" '{token:$t,password:$p}')" >/dev/null
ADMIN_TOKEN=$(sign_in_enrolling_totp "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
[ -n "$ADMIN_TOKEN" ] && [ "$ADMIN_TOKEN" != null ] || fail "no access token for the administrator"
echo "administrator signed in with password and TOTP"

step "The administrator adds a guideline to the knowledge base"
# Resuscitation Council UK, Emergency treatment of anaphylaxis: guidelines for healthcare providers (2021).
GUIDELINE='Anaphylaxis in adults: give intramuscular adrenaline 500 micrograms (0.5 mL of 1 mg/mL adrenaline) into the anterolateral thigh. Repeat the intramuscular adrenaline dose after 5 minutes if there is no improvement. Source: Resuscitation Council UK, Emergency treatment of anaphylaxis: guidelines for healthcare providers, May 2021, https://www.resus.org.uk/library/additional-guidance/guidance-anaphylaxis/emergency-treatment'
document=$(api POST /api/knowledge/documents "$(jq -nc --arg t "$GUIDELINE" '{title:"Emergency treatment of anaphylaxis (Resuscitation Council UK, 2021)",text:$t,publisher:"Resuscitation Council UK"}')" "$ADMIN_TOKEN")
DOCUMENT_ID=$(jq -r .id <<<"$document")
for _ in $(seq 1 120); do
  status=$(api GET "/api/knowledge/documents/$DOCUMENT_ID" "" "$ADMIN_TOKEN" | jq -r .status)
  [ "$status" = "ready" ] && break
  sleep 1
done
[ "$status" = "ready" ] || fail "the guideline is not ready (status $status)"
echo "guideline $DOCUMENT_ID ready"

step "The administrator invites a clinician, who accepts and signs in with TOTP"
CLINICIAN_EMAIL="clinician@smoke.example"
invited=$(api POST /api/identity/users "$(jq -nc --arg e "$CLINICIAN_EMAIL" '{email:$e,displayName:"Smoke Clinician",role:"clinician"}')" "$ADMIN_TOKEN")
CLINICIAN_PASSWORD="smoke clinician passphrase $(random_secret)"
api POST /api/identity/invitations/accept "$(jq -nc --arg t "$(jq -r .invitationToken <<<"$invited")" --arg p "$CLINICIAN_PASSWORD" '{token:$t,password:$p}')" >/dev/null
CLINICIAN_TOKEN=$(sign_in_enrolling_totp "$CLINICIAN_EMAIL" "$CLINICIAN_PASSWORD")
[ -n "$CLINICIAN_TOKEN" ] && [ "$CLINICIAN_TOKEN" != null ] || fail "no access token for the clinician"
echo "clinician signed in with password and TOTP"

step "The clinician asks a typed question and gets the cited answer"
CONVERSATION_ID=$(api POST /api/conversations "" "$CLINICIAN_TOKEN" | jq -r .id)
QUESTION="What dose of intramuscular adrenaline is given to an adult with anaphylaxis?"
turn=$(api POST "/api/conversations/$CONVERSATION_ID/turns" "$(jq -nc --arg q "$QUESTION" '{text:$q}')" "$CLINICIAN_TOKEN")
echo "Q: $QUESTION"
echo "A: $(jq -r .reply <<<"$turn")"
jq -e '.reply | test("500 micrograms")' <<<"$turn" >/dev/null || fail "the answer does not give the dose: $turn"
jq -e '[.citations[] | select(.title | test("anaphylaxis"; "i"))] | length > 0' <<<"$turn" >/dev/null || fail "the answer does not cite the guideline: $turn"
echo "cited: $(jq -r '.citations[0].title' <<<"$turn")"

cat > "$WORK/instance.env" <<ENV
URL=$URL
ADMIN_EMAIL=$ADMIN_EMAIL
ADMIN_PASSWORD='$ADMIN_PASSWORD'
ADMIN_TOKEN=$ADMIN_TOKEN
CLINICIAN_EMAIL=$CLINICIAN_EMAIL
CLINICIAN_PASSWORD='$CLINICIAN_PASSWORD'
CLINICIAN_TOKEN=$CLINICIAN_TOKEN
CONVERSATION_ID=$CONVERSATION_ID
DOCUMENT_ID=$DOCUMENT_ID
ENV
echo
echo "Production smoke test passed: published build, Production, documented settings, invitation, TOTP sign-in, cited answer."
if [ "$MODE" = "--keep" ]; then echo "Left running at $URL; details in $WORK/instance.env; stop with $0 --stop"; fi
