#!/usr/bin/env bash
# `make dev`: set up and run the dashboard natively, in the foreground until
# Ctrl-C.  Bootstraps the venv and JS packages, starts PostgreSQL when it is
# not running, creates and migrates the development database, then runs the
# Django development server (API) and the Vite dev server (web app, /api
# proxied to Django) together.  Ctrl-C stops both.
#
# Settings (environment):
#   DEV_DB         development database     jobs
#   DATABASE_URL   another database, whole  (wins over DEV_DB and PG*)
#   DEV_API_PORT   Django runserver port    8000
#   DEV_WEB_PORT   Vite dev server port     5173
#   PGHOST PGPORT PGUSER                    127.0.0.1 5432 postgres
source "$(dirname "$0")/lib.sh"

DEV_DB="${DEV_DB:-jobs}"
DEV_API_PORT="${DEV_API_PORT:-8000}"
DEV_WEB_PORT="${DEV_WEB_PORT:-5173}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"

API_URL="http://127.0.0.1:$DEV_API_PORT"
WEB_URL="http://127.0.0.1:$DEV_WEB_PORT"

# True when a TCP port on 127.0.0.1 accepts connections.
port_in_use() {
  local rc=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null || rc=$?
  [ "$rc" -ne 7 ]
}

bash "$REPO_ROOT/ops/scripts/bootstrap.sh"

if [ -n "${DATABASE_URL:-}" ]; then
  # Another database, given whole: use it as it is (it must exist).
  step "Database from DATABASE_URL"
  DEV_DB="$DATABASE_URL"
else
  step "PostgreSQL and database $DEV_DB"
  ensure_postgres
  if [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DEV_DB'")" != 1 ]; then
    createdb "$DEV_DB"
    echo "created database $DEV_DB"
  fi
  export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DEV_DB"
fi
export DJANGO_DEBUG=true
# Readable log lines in the terminal (deployments log JSON).
export LOG_FORMAT="${LOG_FORMAT:-console}"
(cd "$API_DIR" && "$VENV_PY" manage.py migrate --no-input)

for port in "$DEV_API_PORT" "$DEV_WEB_PORT"; do
  if port_in_use "$port"; then
    die "port $port on 127.0.0.1 is already in use (another 'make dev'?); stop it or set DEV_API_PORT/DEV_WEB_PORT"
  fi
done

api_pid=""
web_pid=""

# Stop both servers (each is its own process group, so Django's autoreloader
# child and Vite's node process go too).
# shellcheck disable=SC2329  # run by the EXIT trap
stop_servers() {
  local pid
  for pid in $web_pid $api_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in $web_pid $api_pid; do
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop_servers' EXIT
# A second signal (make forwards TERM too) must not cut the cleanup short.
trap 'trap "" INT TERM; echo; echo "stopping..."; exit 0' INT TERM

step "API: Django runserver on $API_URL"
set -m # own process groups; Ctrl-C reaches this script, which stops both
(cd "$API_DIR" && exec "$VENV_PY" manage.py runserver "127.0.0.1:$DEV_API_PORT") </dev/null &
api_pid=$!

step "web: Vite dev server on $WEB_URL (/api -> $API_URL)"
(cd "$WEB_DIR" && API_PROXY_TARGET="$API_URL" exec npm run dev -- --host 127.0.0.1 --port "$DEV_WEB_PORT" --strictPort) </dev/null &
web_pid=$!
set +m

printf '\n\033[1;32mDashboard: %s\033[0m   (API %s, database %s; Ctrl-C stops both)\n\n' "$WEB_URL" "$API_URL" "$DEV_DB"

# bash 3.2 has no `wait -n`: poll until either server exits.
while kill -0 "$api_pid" 2>/dev/null && kill -0 "$web_pid" 2>/dev/null; do
  sleep 1
done
if ! kill -0 "$api_pid" 2>/dev/null; then
  die "the API server exited; stopping the web server"
fi
die "the web server exited; stopping the API server"
