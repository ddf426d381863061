CREATE TABLE orders.orders (id uuid PRIMARY KEY, poison boolean NOT NULL);
