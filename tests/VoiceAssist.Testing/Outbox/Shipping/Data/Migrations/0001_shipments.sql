-- Deliberately no unique constraint on order_id: a duplicate delivery must show up as a second row.
CREATE TABLE shipping.shipments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id uuid NOT NULL,
    commit_to_consumed_ms double precision NOT NULL
);
