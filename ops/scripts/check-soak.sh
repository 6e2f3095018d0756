#!/usr/bin/env bash
# Soak stage of `make check`, each on a PostgreSQL cluster of its own: 30 s of
# faults (`make soak` runs 5 min), then the newest migration on 100,000 jobs
# under load (`make soak-migrate` on 1M).
source "$(dirname "$0")/lib.sh"
bash "$REPO_ROOT/ops/scripts/reliability.sh" soak --seconds 30 "$@"
bash "$REPO_ROOT/ops/scripts/reliability.sh" migrate_under_load --jobs 100000
