#!/usr/bin/env bash
# Soak stage of `make check`: 30 s of 8 clients against gunicorn on a
# throwaway PostgreSQL cluster of its own (free port), restarted twice, one
# worker killed; `make soak` is the 5-minute run.
source "$(dirname "$0")/lib.sh"
exec bash "$REPO_ROOT/ops/scripts/reliability.sh" soak --seconds 30 "$@"
