#!/usr/bin/env bash
# Every native check, on a clean clone, by itself.  Each stage is its own
# script so that one can be rerun alone (bash ops/scripts/check-web.sh).
source "$(dirname "$0")/lib.sh"

ensure_postgres
bash "$REPO_ROOT/ops/scripts/bootstrap.sh"

for stage in backend types web ops docs soak fuzz e2e bench; do
  step "check: $stage"
  bash "$REPO_ROOT/ops/scripts/check-$stage.sh"
done

step "make check: all stages passed"
