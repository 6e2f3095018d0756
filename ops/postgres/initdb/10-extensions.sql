-- Runs once, when the db service initialises a new volume (the official
-- image's /docker-entrypoint-initdb.d), connected to POSTGRES_DB.
-- pg_stat_statements is loaded by shared_preload_libraries in
-- ops/postgres/postgresql.conf; this exposes its view.  pg_trgm is created by
-- the API's migrations.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
