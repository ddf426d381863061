-- Tamper-evident audit trail: every entry carries a SHA-256 over the previous entry's hash and its own content,
-- in chain order. A BEFORE INSERT trigger appends to the chain under a transaction-scoped advisory lock, so entries
-- written by consumers running in parallel still form one chain. Entries cannot be updated, deleted or truncated.

ALTER TABLE compliance.audit_entries
    ADD COLUMN chain_sequence bigint NULL,
    ADD COLUMN previous_hash bytea NULL,
    ADD COLUMN hash bytea NULL;

-- One field of the hashed content: its UTF-8 length, a colon, the value, a semicolon; NULL is "-1:;".
CREATE FUNCTION compliance.audit_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(octet_length(value)::text, '-1') || ':' || coalesce(value, '') || ';'
$$;

CREATE FUNCTION compliance.audit_entry_hash(
    previous bytea, chain_sequence bigint, occurred_at timestamp with time zone, action text, resource_type text,
    resource_id text, actor_id text, source_event_id uuid) RETURNS bytea
LANGUAGE sql STABLE AS $$
    SELECT sha256(previous || convert_to(
        compliance.audit_field(chain_sequence::text)
        || compliance.audit_field(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || compliance.audit_field(action)
        || compliance.audit_field(resource_type)
        || compliance.audit_field(resource_id)
        || compliance.audit_field(actor_id)
        || compliance.audit_field(source_event_id::text), 'UTF8'))
$$;

-- Entries recorded before the chain existed join it in id order.
DO $$
DECLARE
    entry record;
    previous bytea := decode(repeat('00', 32), 'hex');
    position bigint := 0;
BEGIN
    FOR entry IN SELECT * FROM compliance.audit_entries ORDER BY id LOOP
        position := position + 1;
        UPDATE compliance.audit_entries
           SET chain_sequence = position,
               previous_hash = previous,
               hash = compliance.audit_entry_hash(previous, position, entry.occurred_at, entry.action, entry.resource_type,
                                                  entry.resource_id, entry.actor_id, entry.source_event_id)
         WHERE id = entry.id
        RETURNING hash INTO previous;
    END LOOP;
END
$$;

ALTER TABLE compliance.audit_entries
    ALTER COLUMN chain_sequence SET NOT NULL,
    ALTER COLUMN previous_hash SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX ux_audit_entries_chain_sequence ON compliance.audit_entries (chain_sequence);

-- The lock makes appends one at a time; each statement of a READ COMMITTED trigger function takes a new snapshot,
-- so the last entry read after the lock is granted includes any append committed while this one waited.
CREATE FUNCTION compliance.chain_audit_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last_sequence bigint;
    last_hash bytea;
BEGIN
    PERFORM pg_advisory_xact_lock(4859222851858031732); -- "CompAudt"
    SELECT chain_sequence, hash INTO last_sequence, last_hash
      FROM compliance.audit_entries ORDER BY chain_sequence DESC LIMIT 1;
    NEW.chain_sequence := coalesce(last_sequence, 0) + 1;
    NEW.previous_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    NEW.hash := compliance.audit_entry_hash(NEW.previous_hash, NEW.chain_sequence, NEW.occurred_at, NEW.action,
                                            NEW.resource_type, NEW.resource_id, NEW.actor_id, NEW.source_event_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entries_chain BEFORE INSERT ON compliance.audit_entries
    FOR EACH ROW EXECUTE FUNCTION compliance.chain_audit_entry();

CREATE FUNCTION compliance.reject_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'compliance.audit_entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON compliance.audit_entries
    FOR EACH ROW EXECUTE FUNCTION compliance.reject_audit_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON compliance.audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION compliance.reject_audit_change();

-- Privileges as well as the trigger: no role may change entries through PUBLIC, and an application role that is
-- not a superuser loses the right too (a superuser ignores privileges; the hash chain is what catches it).
REVOKE UPDATE, DELETE, TRUNCATE ON compliance.audit_entries FROM PUBLIC;
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON compliance.audit_entries FROM %I', current_user);
    END IF;
END
$$;
