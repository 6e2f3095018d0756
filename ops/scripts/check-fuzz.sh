#!/usr/bin/env bash
# Fuzz stage of `make check`: schemathesis over the served OpenAPI schema,
# every operation, all checks, stateful links; bounded (25 examples per
# operation, 60 s) and seeded.  Database: ${CHECK_DB:-jobs_check}_fuzz.
source "$(dirname "$0")/lib.sh"
ensure_postgres
exec bash "$REPO_ROOT/ops/scripts/reliability.sh" fuzz --max-examples 25 --max-time 60 "$@"
