#!/usr/bin/env bash
# Backend stage of `make check`: lint, format, import contracts, types,
# Django's system checks, migrations (no missing ones; all apply and reverse
# on a fresh database) and the whole pytest suite against PostgreSQL.
#
# Uses its own throwaway database, jobs_check (pytest creates test_jobs_check),
# dropped and recreated on every run; never the development database.
# Rerun alone with: bash ops/scripts/check-backend.sh [pytest args...]
source "$(dirname "$0")/lib.sh"

CHECK_DB="${CHECK_DB:-jobs_check}"
PG_HOST="127.0.0.1"
PG_PORT="5432"

ensure_postgres
[ -x "$VENV_PY" ] || die "no venv at $VENV_DIR: run bash ops/scripts/bootstrap.sh"
cd "$API_DIR"

export DATABASE_URL="postgres://postgres@$PG_HOST:$PG_PORT/$CHECK_DB"
export DJANGO_SETTINGS_MODULE="config.settings.test"
unset DJANGO_DEBUG
# Keep psycopg's pool out of one-shot commands.
export DB_POOL_MAX_SIZE=0

psql_admin() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

step "backend: ruff check"
"$VENV_DIR/bin/ruff" check .

step "backend: ruff format --check"
"$VENV_DIR/bin/ruff" format --check .

step "backend: import-linter (layers and forbidden imports, pyproject.toml)"
"$VENV_DIR/bin/lint-imports"

step "backend: mypy (config, core, jobs)"
"$VENV_DIR/bin/mypy" config core jobs

step "backend: manage.py check (production settings: debug off)"
DJANGO_SETTINGS_MODULE="config.settings.base" DJANGO_DEBUG=false \
  DJANGO_SECRET_KEY="check-backend-throwaway" \
  "$VENV_PY" manage.py check --fail-level WARNING

step "backend: fresh database $CHECK_DB"
psql_admin -c "DROP DATABASE IF EXISTS $CHECK_DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $CHECK_DB"

step "backend: makemigrations --check --dry-run"
"$VENV_PY" manage.py makemigrations --check --dry-run

step "backend: migrate, reverse jobs to zero, migrate again"
"$VENV_PY" manage.py migrate --no-input -v 0
"$VENV_PY" manage.py migrate jobs zero --no-input -v 0
"$VENV_PY" manage.py migrate --no-input -v 0
"$VENV_PY" manage.py showmigrations jobs

step "backend: pytest (core/tests, jobs/tests)"
"$VENV_PY" -m pytest core/tests jobs/tests --create-db -p no:cacheprovider "$@"

psql_admin -c "DROP DATABASE IF EXISTS $CHECK_DB WITH (FORCE)"
psql_admin -c "DROP DATABASE IF EXISTS test_$CHECK_DB WITH (FORCE)"
step "backend: all checks passed"
