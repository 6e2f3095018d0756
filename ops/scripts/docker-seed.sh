#!/usr/bin/env bash
# make seed N=1000000: add N generated jobs to the running stack (make up
# first).  Runs the API's `seed_jobs` management command inside the api
# container; further arguments go to that command.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

count="${1:-}"
[ $# -eq 0 ] || shift
if [ -z "$count" ]; then
  count=100000
  echo "No N given: seeding $count jobs (make seed N=1000000 for more)."
fi
case "$count" in
  *[!0-9]* | 0*) die "N must be a positive whole number, got '$count' (make seed N=1000000)" ;;
esac

docker_require
if [ -z "$(compose_main ps -q --status running api 2>/dev/null)" ]; then
  die "the api service of project '$DOCKER_PROJECT' is not running: make up first"
fi
step "Seeding $count jobs into project '$DOCKER_PROJECT'"
# A bulk load runs longer than the API's per-request statement timeout.
compose_main exec -T -e DB_STATEMENT_TIMEOUT_MS=0 api \
  python manage.py seed_jobs --count "$count" "$@"
