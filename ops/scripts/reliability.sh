#!/usr/bin/env bash
# Run one reliability tool of services/api/reliability/ (fuzz, soak, load,
# backup, restore, migrate_under_load) with the venv:
#   bash ops/scripts/reliability.sh soak --seconds 300
# Each tool's --help says what it does and what it needs.
source "$(dirname "$0")/lib.sh"

tool="${1:?usage: reliability.sh TOOL [args...]}"
shift
[ -x "$VENV_PY" ] || bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
cd "$API_DIR"
exec "$VENV_PY" -m "reliability.$tool" "$@"
