#!/usr/bin/env bash
# Installs the npm dependencies of the node sidecars from their lockfiles (npm ci: exact, reproducible):
#   - the PostgreSQL-with-pgvector test server (PGlite) used by the Knowledge tests;
#   - the voice page (TypeScript, esbuild, Silero VAD with onnxruntime-web), built into the host's wwwroot;
#   - the OpenID Connect provider (oidc-provider) the Identity module's single sign-on tests sign in against.
# Safe to re-run; skips a folder whose node_modules already matches its lockfile.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v npm >/dev/null || { echo "npm is required (Debian packages nodejs and npm)." >&2; exit 1; }
for dir in \
  "$ROOT/tests/VoiceAssist.Knowledge.Tests/PgVector/node" \
  "$ROOT/src/VoiceAssist.Host/ClientApp" \
  "$ROOT/tests/VoiceAssist.Identity.Tests/SingleSignOn/node"; do
  if [ -f "$dir/node_modules/.package-lock.json" ] && cmp -s <(sed -n '/"packages"/,$p' "$dir/package-lock.json" | grep -c resolved) \
       <(grep -c resolved "$dir/node_modules/.package-lock.json"); then
    continue
  fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
