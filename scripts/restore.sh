#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty database (for example on a freshly initialised cluster):
# checks the SHA-256 checksum, decrypts with the backup passphrase, and runs pg_restore in one transaction, stopping
# at the first error.
#
#   scripts/restore.sh --file /var/backups/voiceassist/voiceassist-20261128T020000Z.dump.gpg \
#                      --passphrase-file /run/secrets/backup-passphrase \
#                      --dbname "host=new-db port=5432 dbname=voiceassist user=voiceassist"
#
# Objects are created owned by the connecting role (--no-owner) and without the source's grants (--no-acl), so the
# target cluster needs none of the source's roles; the audit trail's append-only privileges are then re-applied for
# that role. Extensions (pgvector's "vector") are created by a superuser, not by the application's role: create them in
# the target database first (CREATE EXTENSION vector;). The dump's CREATE EXTENSION IF NOT EXISTS then changes nothing,
# and the extension's COMMENT, which only its owner may set, is left out of the restore. Start the host with the same Compliance:Encryption:MasterKey as the source: the key ring is restored
# wrapped, and PHI decrypts only under that master key. Then check GET /api/compliance/audit/verify.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"

file=""
dbname=${RESTORE_DBNAME:-}
passphrase_file=${BACKUP_PASSPHRASE_FILE:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --file) file=$2; shift 2 ;;
    --dbname) dbname=$2; shift 2 ;;
    --passphrase-file) passphrase_file=$2; shift 2 ;;
    *) echo "Unknown option $1 (see the header of $0)." >&2; exit 2 ;;
  esac
done

[ -r "$file" ] || { echo "The backup file (--file) is missing or unreadable." >&2; exit 2; }
[ -n "$dbname" ] || { echo "Give the target database with --dbname (a libpq connection string or URI)." >&2; exit 2; }
[ -r "$passphrase_file" ] || { echo "The passphrase file (--passphrase-file) is missing or unreadable." >&2; exit 2; }

bin=$(pg_bin_dir)
psql=$bin/psql; [ -x "$psql" ] || psql=$(command -v psql)
pg_restore=$bin/pg_restore; [ -x "$pg_restore" ] || pg_restore=$(command -v pg_restore)

checksum="$file.sha256"
[ -r "$checksum" ] || { echo "The checksum file $checksum is missing: refusing to restore an unverified backup." >&2; exit 3; }
if ! (cd "$(dirname "$file")" && sha256sum --check --status "$(basename "$checksum")"); then
  echo "Checksum mismatch for $file: the backup is damaged or was altered. Not restoring." >&2
  exit 3
fi

existing=$("$psql" --dbname="$dbname" --no-password --tuples-only --no-align --command \
  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")
if [ "$existing" != "0" ]; then
  echo "The target database already has $existing tables: restore only into an empty database." >&2
  exit 4
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/gnupg"
decrypt() {
  gpg --homedir "$work/gnupg" --batch --quiet --pinentry-mode loopback --passphrase-file "$passphrase_file" --decrypt "$file"
}

# The archive's table of contents (no data), without the extensions' comments: COMMENT ON EXTENSION needs the
# extension's owner, a superuser, and would stop the whole single-transaction restore.
decrypt | "$pg_restore" --list > "$work/contents"
grep -v -E '^[0-9]+; [0-9]+ [0-9]+ COMMENT - EXTENSION ' "$work/contents" > "$work/restore.list"

# Every extension the dump needs must exist in the target, or be one this role may create (a trusted extension).
missing=""
for extension in $(sed -n -E 's/^[0-9]+; [0-9]+ [0-9]+ EXTENSION - ([^ ]+).*$/\1/p' "$work/contents"); do
  creatable=$("$psql" --dbname="$dbname" --no-password --tuples-only --no-align --set ON_ERROR_STOP=1 --set ext="$extension" <<'SQL'
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = :'ext')
    OR EXISTS (SELECT 1 FROM pg_available_extension_versions v
                WHERE v.name = :'ext' AND (v.trusted OR NOT v.superuser
                      OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)));
SQL
)
  [ "$creatable" = "t" ] || missing="$missing $extension"
done
if [ -n "$missing" ]; then
  echo "The backup needs the extension(s)$missing, which this role cannot create. As a superuser, run in the target" >&2
  echo "database: CREATE EXTENSION <name>; (for each of:$missing), then restore again." >&2
  exit 5
fi

decrypt | "$pg_restore" --dbname="$dbname" --no-password --no-owner --no-acl --single-transaction --exit-on-error \
  --use-list="$work/restore.list"

# The grants were not restored (--no-acl): take UPDATE, DELETE and TRUNCATE on the audit trail away again from the
# role that now owns it, unless it is a superuser (which no privilege binds; the hash chain covers that case).
"$psql" --dbname="$dbname" --no-password --quiet --set ON_ERROR_STOP=1 <<'SQL'
REVOKE UPDATE, DELETE, TRUNCATE ON compliance.audit_entries FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON compliance.encryption_keys FROM PUBLIC;
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON compliance.audit_entries FROM %I', current_user);
    END IF;
END
$$;
SQL

echo "Restored $file"
