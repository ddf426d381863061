-- Secrets set in the console (API keys of the model and speech endpoints) are kept in the same table, encrypted under
-- the project's key ring; the hosts decrypt them when they read the table as their configuration source.
ALTER TABLE admin.console_settings ADD COLUMN encrypted boolean NOT NULL DEFAULT false;
