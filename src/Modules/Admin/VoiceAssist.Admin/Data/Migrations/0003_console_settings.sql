-- Settings an administrator changed in the console (security policy). Each row overrides one configuration key for
-- every replica: the hosts read the table as their last configuration source and poll it every few seconds.
CREATE TABLE admin.console_settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by uuid NOT NULL
);
