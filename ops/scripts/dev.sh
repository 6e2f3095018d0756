#!/usr/bin/env bash
# `make dev`: set up and run the dashboard natively, in the foreground until
# Ctrl-C.  Bootstraps the venv and JS packages, starts PostgreSQL when it is
# not running, creates and migrates the development database, then runs the
# Django development server (API) and the Vite dev server (web app, /api
# proxied to Django) under honcho (Procfile.dev).  Ctrl-C stops both.
#
# Settings (environment):
#   DEV_DB         development database     jobs
#   DATABASE_URL   another database, whole  (wins over DEV_DB and PG*)
#   DEV_API_PORT   Django runserver port    8000
#   DEV_WEB_PORT   Vite dev server port     5173
#   PGHOST PGPORT PGUSER                    127.0.0.1 5432 postgres
source "$(dirname "$0")/lib.sh"

DEV_DB="${DEV_DB:-jobs}"
export DEV_API_PORT="${DEV_API_PORT:-8000}" DEV_WEB_PORT="${DEV_WEB_PORT:-5173}" VENV_DIR
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

# A second `make dev` (or anything else on the ports) is refused before it
# touches the database.
for port in "$DEV_API_PORT" "$DEV_WEB_PORT"; do
  if port_in_use "$port"; then
    die "port $port on 127.0.0.1 is already in use (another 'make dev'?); stop it or set DEV_API_PORT/DEV_WEB_PORT"
  fi
done

bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
if [ -n "${DATABASE_URL:-}" ]; then
  step "Database from DATABASE_URL"
  DEV_DB="$DATABASE_URL"
else
  step "PostgreSQL and database $DEV_DB"
  ensure_postgres
  if [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DEV_DB'")" != 1 ]; then
    createdb "$DEV_DB"
  fi
  export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DEV_DB"
fi
# Readable log lines in the terminal (deployments log JSON).
export DJANGO_DEBUG=true LOG_FORMAT="${LOG_FORMAT:-console}"
(cd "$API_DIR" && "$VENV_PY" manage.py migrate --no-input)

printf '\n\033[1;32mDashboard: http://127.0.0.1:%s\033[0m   (API http://127.0.0.1:%s, database %s; Ctrl-C stops both)\n\n' \
  "$DEV_WEB_PORT" "$DEV_API_PORT" "$DEV_DB"
# --env /dev/null: the Docker stack's .env is not for this.
cd "$REPO_ROOT"
exec "$VENV_DIR/bin/honcho" --env /dev/null --procfile Procfile.dev start
