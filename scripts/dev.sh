#!/usr/bin/env bash
# Local dependencies without Docker: a private PostgreSQL cluster and Redis under .local/, on free loopback
# ports, from the machine's own binaries.
#
#   ./scripts/dev.sh run      set everything up, then run VoiceAssist on http://localhost:5080
#   ./scripts/dev.sh up       start PostgreSQL and Redis; write .local/dev.env (source it before `dotnet run`)
#   ./scripts/dev.sh down     stop them (data is kept)
#   ./scripts/dev.sh status   show what is running
#   ./scripts/dev.sh integrations  start a local calendar server (Radicale) with a demo account to link in the page
#   ./scripts/dev.sh reset    stop and delete all local data
#
# Safe to re-run: running services are reused, ports and secrets are kept in .local/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
LOCAL="${VOICEASSIST_LOCAL_DIR:-$ROOT/.local}"
PG_DIR="$LOCAL/postgres"
REDIS_DIR="$LOCAL/redis"
RADICALE_DIR="$LOCAL/radicale"
ENV_FILE="$LOCAL/dev.env"
URL="${VOICEASSIST_URL:-http://localhost:5080}"

ensure_packages() {
  apt_install $DEBIAN_PACKAGES_CORE $DEBIAN_PACKAGES_RUNTIME
  ensure_node
  if [ -x "$ROOT/scripts/install-node-deps.sh" ]; then "$ROOT/scripts/install-node-deps.sh"; fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
}

saved_or() { # file default
  if [ -s "$1" ]; then cat "$1"; else echo "$2" | tee "$1"; fi
}

start_postgres() {
  local bin port password
  bin=$(pg_bin_dir)
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  password=$(saved_or "$LOCAL/postgres.secret" "$(random_secret)")
  if [ ! -s "$PG_DIR/data/PG_VERSION" ]; then
    echo "Creating the PostgreSQL cluster in $PG_DIR/data ..."
    local pwfile="$PG_DIR/pwfile"
    printf '%s\n' "$password" > "$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    as_postgres "$bin/initdb" -D "$PG_DIR/data" -U voiceassist --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  port=$(saved_or "$LOCAL/postgres.port" "$(free_port 55432)")
  if as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    echo "PostgreSQL is already running on 127.0.0.1:$port"
  else
    if ! port_is_free "$port"; then port=$(free_port $((port + 1))); echo "$port" > "$LOCAL/postgres.port"; fi
    as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null
    echo "PostgreSQL started on 127.0.0.1:$port (log: $PG_DIR/postgres.log)"
  fi
  PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U voiceassist -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'voiceassist'" | grep -q 1 ||
    PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U voiceassist -d postgres -qc "CREATE DATABASE voiceassist" 
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Database=voiceassist;Username=voiceassist;Password=$password"
}

start_redis() {
  local port password
  mkdir -p "$REDIS_DIR"
  password=$(saved_or "$LOCAL/redis.secret" "$(random_secret)")
  port=$(saved_or "$LOCAL/redis.port" "$(free_port 56379)")
  if [ -s "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
    echo "Redis is already running on 127.0.0.1:$port"
  else
    if ! port_is_free "$port"; then port=$(free_port $((port + 1))); echo "$port" > "$LOCAL/redis.port"; fi
    redis-server --port "$port" --bind 127.0.0.1 --dir "$REDIS_DIR" --requirepass "$password" \
      --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --save 60 1000 >/dev/null
    for _ in $(seq 1 50); do redis-cli -p "$port" -a "$password" --no-auth-warning ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
    echo "Redis started on 127.0.0.1:$port (log: $REDIS_DIR/redis.log)"
  fi
  REDIS_CONNECTION="127.0.0.1:$port,password=$password"
}

write_env() {
  umask 077
  cat > "$ENV_FILE" <<ENV
# Written by scripts/dev.sh: settings for running VoiceAssist against the local PostgreSQL and Redis.
export ConnectionStrings__VoiceAssist='$PG_CONNECTION'
export ConnectionStrings__Redis='$REDIS_CONNECTION'
export ASPNETCORE_ENVIRONMENT=\${ASPNETCORE_ENVIRONMENT:-Development}
# The local integration servers (./scripts/dev.sh integrations) listen on loopback, which linked servers may not use
# unless allowed.
export Integrations__AllowedPrivateNetworks__0='127.0.0.1/32'
ENV
  echo "Settings written to $ENV_FILE"
}

up() {
  ensure_packages
  mkdir -p "$LOCAL"
  chmod 700 "$LOCAL"
  [ "$(id -u)" -eq 0 ] && chmod 711 "$LOCAL" # the postgres user must reach its data directory inside
  start_postgres
  start_redis
  write_env
}

# A CalDAV server (calendars and tasks) with the user "demo", its app password in .local/radicale.secret, and one
# calendar with a meeting this afternoon, to link under "Linked accounts" on the voice page.
start_radicale() {
  local port password calendar
  apt_install $DEBIAN_PACKAGES_INTEGRATIONS
  mkdir -p "$RADICALE_DIR"
  password=$(saved_or "$LOCAL/radicale.secret" "$(random_secret)")
  port=$(saved_or "$LOCAL/radicale.port" "$(free_port 55232)")
  printf 'demo:%s\n' "$password" > "$RADICALE_DIR/users"
  cat > "$RADICALE_DIR/config" <<CONF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $RADICALE_DIR/users
htpasswd_encryption = plain
[storage]
filesystem_folder = $RADICALE_DIR/collections
[rights]
type = owner_only
CONF
  if [ -s "$RADICALE_DIR/radicale.pid" ] && kill -0 "$(cat "$RADICALE_DIR/radicale.pid")" 2>/dev/null; then
    echo "Radicale is already running on 127.0.0.1:$port"
  else
    nohup radicale --config "$RADICALE_DIR/config" >"$RADICALE_DIR/radicale.log" 2>&1 &
    echo $! > "$RADICALE_DIR/radicale.pid"
    for _ in $(seq 1 50); do port_is_free "$port" || break; sleep 0.1; done
    echo "Radicale started on 127.0.0.1:$port (log: $RADICALE_DIR/radicale.log)"
  fi
  calendar="http://127.0.0.1:$port/demo/calendar/"
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -u "demo:$password" -X PROPFIND -H 'Depth: 0' "$calendar")" = 404 ]; then
    curl -sf -u "demo:$password" -X MKCALENDAR "$calendar" >/dev/null
    curl -sf -u "demo:$password" -X PUT -H 'Content-Type: text/calendar' --data-binary @- "${calendar}demo-meeting.ics" >/dev/null <<ICS
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//VoiceAssist//dev.sh//EN
BEGIN:VEVENT
UID:demo-meeting@voiceassist
DTSTAMP:$(date -u +%Y%m%dT%H%M%SZ)
SUMMARY:Renal team meeting
DTSTART:$(date -u +%Y%m%dT150000Z)
DTEND:$(date -u +%Y%m%dT153000Z)
RRULE:FREQ=DAILY;COUNT=14
END:VEVENT
END:VCALENDAR
ICS
  fi
  echo "Link it on the voice page under Linked accounts: server $calendar, user demo, app password $(cat "$LOCAL/radicale.secret")"
}

stop_redis() { # save|nosave: nosave when its data is about to be deleted (a final save would fail and keep it running)
  local pid port password
  [ -s "$REDIS_DIR/redis.pid" ] || return 0
  pid=$(cat "$REDIS_DIR/redis.pid")
  kill -0 "$pid" 2>/dev/null || return 0
  port=$(cat "$LOCAL/redis.port" 2>/dev/null || true)
  password=$(cat "$LOCAL/redis.secret" 2>/dev/null || true)
  redis-cli -p "$port" -a "$password" --no-auth-warning shutdown "$1" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; echo "Redis did not stop in 10 s: killed"; else echo "Redis stopped"; fi
}

down() { # save|nosave
  local bin
  bin=$(pg_bin_dir)
  if [ -s "$PG_DIR/data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null && echo "PostgreSQL stopped"
  fi
  stop_redis "${1:-save}"
  if [ -s "$RADICALE_DIR/radicale.pid" ] && kill -0 "$(cat "$RADICALE_DIR/radicale.pid")" 2>/dev/null; then
    kill "$(cat "$RADICALE_DIR/radicale.pid")" && echo "Radicale stopped"
  fi
}

status() {
  local bin
  bin=$(pg_bin_dir)
  as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" status 2>/dev/null | head -n 1 || echo "PostgreSQL: not running"
  if [ -s "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then echo "Redis: running"; else echo "Redis: not running"; fi
}

run() {
  up
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  echo "Starting VoiceAssist on $URL ..."
  exec dotnet run --project "$ROOT/src/VoiceAssist.Host" --no-launch-profile --urls "$URL"
}

case "${1:-run}" in
  run) run ;;
  up) up ;;
  down) down ;;
  status) status ;;
  integrations) mkdir -p "$LOCAL"; start_radicale ;;
  reset) down nosave; rm -rf "$LOCAL"; echo "Local data deleted" ;;
  *) echo "usage: $0 [run|up|down|status|integrations|reset]" >&2; exit 2 ;;
esac
