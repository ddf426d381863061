#!/usr/bin/env bash
# Encrypted logical backup of the VoiceAssist database: every schema (pg_dump custom format), encrypted with GnuPG
# (symmetric AES-256) under a passphrase kept apart from the database, a SHA-256 checksum beside it, and only the
# newest N backups kept.
#
#   scripts/backup.sh --dbname "host=db port=5432 dbname=voiceassist user=backup" \
#                     --passphrase-file /run/secrets/backup-passphrase --out /var/backups/voiceassist --keep 14 \
#                     [--metrics-file /var/lib/prometheus/node-exporter/voiceassist_backup.prom] \
#                     [--pushgateway http://pushgateway.monitoring:9091]
#
# The connection string may also come from BACKUP_DBNAME, the other options from BACKUP_PASSPHRASE_FILE, BACKUP_DIR,
# BACKUP_KEEP, BACKUP_METRICS_FILE and BACKUP_PUSHGATEWAY; libpq's PGPASSWORD / PGPASSFILE / PGSSLMODE apply as usual.
# Prints the path of the new backup. After a successful backup, its time, size and duration are written in
# Prometheus's text format to --metrics-file (for node_exporter's textfile collector) and/or pushed to a Pushgateway
# (job "voiceassist-backup"): the VoiceAssistBackupTooOld alert watches voiceassist_backup_last_success_timestamp_seconds.
# PHI fields inside the dump stay encrypted under the application's key ring, whose keys are in the dump only
# wrapped by Compliance:Encryption:MasterKey: keep that master key, the backup passphrase and the backups in three
# separate places.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"

dbname=${BACKUP_DBNAME:-}
passphrase_file=${BACKUP_PASSPHRASE_FILE:-}
out=${BACKUP_DIR:-}
keep=${BACKUP_KEEP:-14}
metrics_file=${BACKUP_METRICS_FILE:-}
pushgateway=${BACKUP_PUSHGATEWAY:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --dbname) dbname=$2; shift 2 ;;
    --passphrase-file) passphrase_file=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --metrics-file) metrics_file=$2; shift 2 ;;
    --pushgateway) pushgateway=$2; shift 2 ;;
    *) echo "Unknown option $1 (see the header of $0)." >&2; exit 2 ;;
  esac
done

[ -n "$dbname" ] || { echo "Give the database with --dbname (a libpq connection string or URI)." >&2; exit 2; }
[ -n "$out" ] || { echo "Give the backup directory with --out." >&2; exit 2; }
[ -r "$passphrase_file" ] || { echo "The passphrase file (--passphrase-file) is missing or unreadable." >&2; exit 2; }
[ -s "$passphrase_file" ] || { echo "The passphrase file is empty." >&2; exit 2; }
case "$keep" in ''|*[!0-9]*|0) echo "--keep must be a positive whole number." >&2; exit 2 ;; esac

pg_dump=$(pg_bin_dir)/pg_dump
[ -x "$pg_dump" ] || pg_dump=$(command -v pg_dump)
mkdir -p "$out"
chmod 700 "$out"
umask 077

started=$(date -u +%s)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
name="voiceassist-$stamp.dump.gpg"
partial="$out/.$name.partial"
gnupg_home=$(mktemp -d)
trap 'rm -rf "$gnupg_home" "$partial"' EXIT

# pipefail: a failing pg_dump fails the backup even though gpg read its (short) output successfully.
"$pg_dump" --dbname="$dbname" --format=custom --compress=6 --no-password \
  | gpg --homedir "$gnupg_home" --batch --yes --quiet --pinentry-mode loopback --passphrase-file "$passphrase_file" \
        --symmetric --cipher-algo AES256 --s2k-digest-algo SHA512 --compress-algo none --output "$partial"

mv "$partial" "$out/$name"
(cd "$out" && sha256sum "$name" > "$name.sha256")

# Retention: the newest $keep backups stay; older ones go with their checksums.
ls -1 "$out" | grep -E '^voiceassist-[0-9]{8}T[0-9]{6}Z\.dump\.gpg$' | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f "$out/$old" "$out/$old.sha256"
done

if [ -n "$metrics_file" ] || [ -n "$pushgateway" ]; then
  finished=$(date -u +%s)
  metrics=$(cat <<EOF
# HELP voiceassist_backup_last_success_timestamp_seconds When the newest successful backup finished (Unix time).
# TYPE voiceassist_backup_last_success_timestamp_seconds gauge
voiceassist_backup_last_success_timestamp_seconds $finished
# HELP voiceassist_backup_last_size_bytes Size of the newest successful backup (encrypted).
# TYPE voiceassist_backup_last_size_bytes gauge
voiceassist_backup_last_size_bytes $(stat -c %s "$out/$name")
# HELP voiceassist_backup_last_duration_seconds How long the newest successful backup took.
# TYPE voiceassist_backup_last_duration_seconds gauge
voiceassist_backup_last_duration_seconds $((finished - started))
EOF
)
  if [ -n "$metrics_file" ]; then
    # Written beside the target and renamed, so the collector never reads half a file.
    mkdir -p "$(dirname "$metrics_file")"
    printf '%s\n' "$metrics" > "$metrics_file.partial"
    chmod 644 "$metrics_file.partial"
    mv "$metrics_file.partial" "$metrics_file"
  fi
  if [ -n "$pushgateway" ]; then
    printf '%s\n' "$metrics" | curl -fsS --max-time 30 --data-binary @- "${pushgateway%/}/metrics/job/voiceassist-backup" >/dev/null \
      || echo "The backup succeeded but its metrics could not be pushed to $pushgateway." >&2
  fi
fi

echo "$out/$name"
