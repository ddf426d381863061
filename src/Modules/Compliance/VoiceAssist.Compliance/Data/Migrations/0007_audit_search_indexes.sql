-- Keyset paging of the audit trail, newest first, over millions of entries: every filter the console offers has an
-- index that ends in (occurred_at, id), so a page is an index seek to the cursor followed by reading one page of rows,
-- never a sort or a skip over everything before it.
--
-- Actions are indexed with collation "C" (bytewise): the same index serves an exact action and a prefix written as the
-- range [prefix, prefix || U+FFFF), whatever the database's default collation.

DROP INDEX compliance.ix_audit_entries_occurred_at;
CREATE INDEX ix_audit_entries_occurred_at ON compliance.audit_entries (occurred_at, id);

DROP INDEX compliance.ix_audit_entries_actor;
CREATE INDEX ix_audit_entries_actor ON compliance.audit_entries (actor_id, occurred_at, id);

DROP INDEX compliance.ix_audit_entries_resource;
CREATE INDEX ix_audit_entries_resource ON compliance.audit_entries (resource_id, occurred_at, id);

CREATE INDEX ix_audit_entries_action ON compliance.audit_entries (action COLLATE "C", occurred_at, id);
CREATE INDEX ix_audit_entries_outcome ON compliance.audit_entries (outcome, occurred_at, id) WHERE outcome IS NOT NULL;
CREATE INDEX ix_audit_entries_correlation ON compliance.audit_entries (correlation_id, occurred_at, id) WHERE correlation_id IS NOT NULL;
