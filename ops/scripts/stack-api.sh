#!/usr/bin/env bash
# The API of the native stack that Playwright starts for the E2E suite and
# the screenshot (playwright/native-stack.ts, `webServer`): a fresh database
# STACK_DB, migrated and seeded with STACK_SEED_COUNT jobs, then gunicorn as
# deployed on 127.0.0.1:STACK_API_PORT, in the foreground until Playwright
# stops it.
source "$(dirname "$0")/lib.sh"

: "${STACK_DB:?}" "${STACK_API_PORT:?}"
case "$STACK_DB" in
  jobs | test_jobs) die "stack-api.sh drops its database; refusing to use '$STACK_DB'" ;;
esac
[ -x "$VENV_PY" ] || die "no venv at $VENV_DIR (run: make bootstrap)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$STACK_DB"
export DJANGO_SECRET_KEY="native-stack-throwaway-not-secret" DJANGO_DEBUG=false
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost" LOG_LEVEL="${LOG_LEVEL:-WARNING}"

ensure_postgres
dropdb --if-exists --force "$STACK_DB"
createdb "$STACK_DB"
cd "$API_DIR"
"$VENV_PY" manage.py migrate --no-input -v 0
if [ "${STACK_SEED_COUNT:-0}" -gt 0 ]; then
  "$VENV_PY" manage.py seed_jobs --count "$STACK_SEED_COUNT"
fi
GUNICORN_BIND="127.0.0.1:$STACK_API_PORT" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" \
  exec "$VENV_DIR/bin/gunicorn" -c gunicorn.conf.py config.wsgi
