#!/usr/bin/env bash
# Soak stage of `make check`, each on a throwaway PostgreSQL cluster of its
# own (free port): 30 s of 8 clients against gunicorn while PostgreSQL is
# restarted twice and one worker killed (`make soak` is the 5-minute run);
# then the newest migration applied to 100,000 jobs under the same clients,
# no request waiting on a lock for 1 s (`make soak-migrate` does 1M).
source "$(dirname "$0")/lib.sh"
bash "$REPO_ROOT/ops/scripts/reliability.sh" soak --seconds 30 "$@"
bash "$REPO_ROOT/ops/scripts/reliability.sh" migrate_under_load --jobs 100000
