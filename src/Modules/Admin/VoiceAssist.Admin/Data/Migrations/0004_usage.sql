-- Daily usage of the speech, language and embedding engines, per user, meter and model, summed from every replica's
-- metering; and the price an administrator sets per meter and model, for the cost on the usage page.
CREATE TABLE admin.usage_daily (
    day date NOT NULL,
    user_id text NOT NULL,
    meter text NOT NULL,
    model text NOT NULL,
    quantity double precision NOT NULL,
    PRIMARY KEY (day, user_id, meter, model)
);
CREATE INDEX ix_usage_daily_user ON admin.usage_daily (user_id, day);

CREATE TABLE admin.usage_prices (
    meter text NOT NULL,
    model text NOT NULL,
    price_per_unit numeric NOT NULL CHECK (price_per_unit >= 0),
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (meter, model)
);
