-- Who, how and why, beside what: the outcome of the action, the correlation id of the request that did it, the
-- actor's role and client address, the session, and the reason given for a break-glass access.
--
-- These fields join the hash as tagged extensions: each non-NULL one appends `name` and `value` (both in the
-- length:value; form), a NULL one appends nothing. Entries written before this migration have them all NULL, so their
-- hashes stay exactly as they were computed and the chain verifies across the change.

ALTER TABLE compliance.audit_entries
    ADD COLUMN outcome text NULL,
    ADD COLUMN correlation_id text NULL,
    ADD COLUMN actor_role text NULL,
    ADD COLUMN session_id text NULL,
    ADD COLUMN client_ip text NULL,
    ADD COLUMN reason text NULL;
CREATE INDEX ix_audit_entries_actor ON compliance.audit_entries (actor_id, occurred_at);
CREATE INDEX ix_audit_entries_resource ON compliance.audit_entries (resource_id, occurred_at);

CREATE FUNCTION compliance.audit_extension(name text, value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '' ELSE compliance.audit_field(name) || compliance.audit_field(value) END
$$;

CREATE FUNCTION compliance.audit_entry_hash(
    previous bytea, chain_sequence bigint, occurred_at timestamp with time zone, action text, resource_type text,
    resource_id text, actor_id text, source_event_id uuid, outcome text, correlation_id text, actor_role text,
    session_id text, client_ip text, reason text) RETURNS bytea
LANGUAGE sql STABLE AS $$
    SELECT sha256(previous || convert_to(
        compliance.audit_field(chain_sequence::text)
        || compliance.audit_field(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || compliance.audit_field(action)
        || compliance.audit_field(resource_type)
        || compliance.audit_field(resource_id)
        || compliance.audit_field(actor_id)
        || compliance.audit_field(source_event_id::text)
        || compliance.audit_extension('outcome', outcome)
        || compliance.audit_extension('correlation_id', correlation_id)
        || compliance.audit_extension('actor_role', actor_role)
        || compliance.audit_extension('session_id', session_id)
        || compliance.audit_extension('client_ip', client_ip)
        || compliance.audit_extension('reason', reason), 'UTF8'))
$$;

CREATE OR REPLACE FUNCTION compliance.chain_audit_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last_sequence bigint;
    last_hash bytea;
BEGIN
    PERFORM pg_advisory_xact_lock(4859222851858031732); -- "CompAudt"
    SELECT chain_sequence, hash INTO last_sequence, last_hash
      FROM compliance.audit_entries ORDER BY chain_sequence DESC LIMIT 1;
    IF last_sequence IS NULL THEN
        -- After a retention purge removed the whole trail, the chain goes on from the anchor the purge left.
        SELECT chain_sequence, hash INTO last_sequence, last_hash FROM compliance.audit_chain_anchor WHERE id = 1;
    END IF;
    NEW.chain_sequence := coalesce(last_sequence, 0) + 1;
    NEW.previous_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    NEW.hash := compliance.audit_entry_hash(NEW.previous_hash, NEW.chain_sequence, NEW.occurred_at, NEW.action,
                                            NEW.resource_type, NEW.resource_id, NEW.actor_id, NEW.source_event_id,
                                            NEW.outcome, NEW.correlation_id, NEW.actor_role, NEW.session_id,
                                            NEW.client_ip, NEW.reason);
    RETURN NEW;
END
$$;

-- Retention: entries older than the audit retention period leave the table only through purge_audit_entries, which
-- removes the oldest part of the chain and records where what is left starts (the last removed entry's position and
-- hash), so verification starts from that anchor instead of the genesis. Any other DELETE is still refused.
CREATE TABLE compliance.audit_chain_anchor (
    id integer PRIMARY KEY CHECK (id = 1),
    chain_sequence bigint NOT NULL,
    hash bytea NOT NULL,
    purged_entries bigint NOT NULL,
    purged_at timestamp with time zone NOT NULL
);

CREATE OR REPLACE FUNCTION compliance.reject_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('compliance.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'compliance.audit_entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- SECURITY DEFINER: the application role holds no DELETE privilege; this function, owned by the migrating role, is
-- the one way to remove entries, and only a prefix of the chain older than the cut-off.
CREATE FUNCTION compliance.purge_audit_entries(cutoff timestamp with time zone) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = compliance, pg_temp AS $$
DECLARE
    last_purged record;
    purged bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(4859222851858031732);
    -- The chain is cut before the first entry that must stay, so no younger entry is lost with the old ones.
    SELECT chain_sequence, hash INTO last_purged FROM compliance.audit_entries
     WHERE chain_sequence < coalesce((SELECT min(chain_sequence) FROM compliance.audit_entries WHERE occurred_at >= cutoff),
                                     (SELECT max(chain_sequence) + 1 FROM compliance.audit_entries))
     ORDER BY chain_sequence DESC LIMIT 1;
    IF last_purged IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM set_config('compliance.audit_purge', 'on', true);
    DELETE FROM compliance.audit_entries WHERE chain_sequence <= last_purged.chain_sequence;
    GET DIAGNOSTICS purged = ROW_COUNT;
    PERFORM set_config('compliance.audit_purge', 'off', true);
    INSERT INTO compliance.audit_chain_anchor AS a (id, chain_sequence, hash, purged_entries, purged_at)
    VALUES (1, last_purged.chain_sequence, last_purged.hash, purged, now())
    ON CONFLICT (id) DO UPDATE SET chain_sequence = EXCLUDED.chain_sequence, hash = EXCLUDED.hash,
                                   purged_entries = a.purged_entries + EXCLUDED.purged_entries, purged_at = EXCLUDED.purged_at;
    RETURN purged;
END
$$;

REVOKE UPDATE, DELETE, TRUNCATE ON compliance.audit_chain_anchor FROM PUBLIC;
REVOKE ALL ON FUNCTION compliance.purge_audit_entries(timestamp with time zone) FROM PUBLIC;
