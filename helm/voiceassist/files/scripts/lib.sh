# Shared helpers for dev.sh, test.sh and .ci/run: install what is missing, find PostgreSQL's binaries,
# run a command as the unprivileged postgres user when we are root (PostgreSQL refuses to run as root).

DEBIAN_PACKAGES_CORE="postgresql redis-server"
DEBIAN_PACKAGES_TOOLS="yamllint curl ca-certificates gnupg prometheus prometheus-alertmanager"

_apt_updated=""
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
    return 1
  fi
  if [ -z "$_apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _apt_updated=1
  fi
  echo "Installing ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port=$1
  while ! port_is_free "$port"; do port=$((port + 1)); done
  echo "$port"
}

random_secret() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# What the application itself calls at run time (PDF text extraction, offline speech) and the recorded speech the
# speech tests use.
DEBIAN_PACKAGES_RUNTIME="poppler-utils pocketsphinx pocketsphinx-en-us libpocketsphinx3 libsphinxbase3 pocketsphinx-testdata espeak-ng libespeak-ng1 flite sox tesseract-ocr tesseract-ocr-eng libtesseract5 chromium fonts-liberation"

# The calendar, mail and file servers the integration tests talk to (and ./scripts/dev.sh integrations starts).
DEBIAN_PACKAGES_INTEGRATIONS="radicale"

# Node.js (embedding sidecar, page build): a machine may already have it from another source that bundles npm,
# so install Debian's packages only for a command that is missing.
ensure_node() {
  command -v node >/dev/null 2>&1 || apt_install nodejs
  command -v npm >/dev/null 2>&1 || apt_install npm
}

# Lists "pid command" for every server process (database, cache, mail, calendar, file, browser, node) whose
# environment carries the given test-run marker.
servers_started_by_run() { # marker
  local pid comm
  for pid in $(pgrep -x 'redis-server|postgres|radicale|dovecot|apache2|node|chromium|chrome|python3' 2>/dev/null); do
    if { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qx "VOICEASSIST_TEST_RUN=$1"; then
      comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
      echo "$pid $comm"
    fi
  done
}
