-- An administrative change keeps its values before and after (never a secret). Both join the hash as tagged
-- extensions after the reason, exactly as the fields of 0003_audit_context.sql do: a NULL one appends nothing, so every
-- entry written before this migration keeps the hash it has and the chain verifies across the change.

ALTER TABLE compliance.audit_entries
    ADD COLUMN before_value text NULL,
    ADD COLUMN after_value text NULL;

CREATE FUNCTION compliance.audit_entry_hash(
    previous bytea, chain_sequence bigint, occurred_at timestamp with time zone, action text, resource_type text,
    resource_id text, actor_id text, source_event_id uuid, outcome text, correlation_id text, actor_role text,
    session_id text, client_ip text, reason text, before_value text, after_value text) RETURNS bytea
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
        || compliance.audit_extension('reason', reason)
        || compliance.audit_extension('before_value', before_value)
        || compliance.audit_extension('after_value', after_value), 'UTF8'))
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
                                            NEW.client_ip, NEW.reason, NEW.before_value, NEW.after_value);
    RETURN NEW;
END
$$;
