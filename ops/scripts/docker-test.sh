#!/usr/bin/env bash
# make test: the E2E suite against the whole stack in containers.
#
# Runs in its own compose project (<dir>-test): its own network and database
# volume and no published host port, so it neither touches the data of
# `make up` nor collides with ports in use.  Builds the images, starts db ->
# migrate -> api -> web, runs the Playwright image against http://web:8080,
# copies the HTML report to ./playwright-report, and always removes the test
# project (containers, network, volume) at the end.  Exits with the suite's
# status.  Extra arguments go to `playwright test` (make test ARGS="--grep create").
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
report_dir="$REPO_ROOT/playwright-report"
t0=$(date +%s)

teardown() {
  local cid
  cid="$(docker_service_container "$DOCKER_TEST_PROJECT" e2e 2>/dev/null || true)"
  [ -z "$cid" ] || docker rm -f "$cid" >/dev/null 2>&1 || true
  compose_test down --volumes --remove-orphans --timeout 10 >/dev/null 2>&1 || true
}

# shellcheck disable=SC2329  # run by the EXIT trap
on_exit() {
  local status=$?
  trap - EXIT
  step "Removing test project '$DOCKER_TEST_PROJECT'"
  teardown
  echo "make test: $(($(date +%s) - t0)) s, exit status $status"
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Test project '$DOCKER_TEST_PROJECT' ($COMPOSE): clearing leftovers of an earlier run"
teardown

step "Building images"
compose_test build

step "Starting db, migrate, api, web (no host ports)"
start_stack() {
  compose_test up -d web && docker_wait_healthy "$DOCKER_TEST_PROJECT" web 180
}
if ! start_stack; then
  compose_test ps -a || true
  compose_test logs --tail 80 db migrate api web || true
  # One more try, for a transient engine error (e.g. a container removed
  # under compose's feet); a real fault (failing migration) fails again.
  step "The test stack did not become healthy; retrying once"
  if ! start_stack; then
    compose_test ps -a || true
    compose_test logs --tail 80 migrate api web || true
    die "the test stack did not become healthy (logs above)"
  fi
fi

step "Running the E2E suite"
set +e
if [ $# -gt 0 ]; then
  compose_test run -T e2e npx playwright test "$@"
else
  compose_test run -T e2e
fi
status=$?
set -e

rm -rf "$report_dir"
cid="$(docker_service_container "$DOCKER_TEST_PROJECT" e2e)"
if [ -n "$cid" ] && docker cp "$cid:/e2e/playwright-report" "$report_dir" >/dev/null 2>&1; then
  echo "HTML report: $report_dir/index.html"
else
  echo "warning: no HTML report to copy from the e2e container" >&2
fi

if [ "$status" -ne 0 ]; then
  step "E2E suite failed (status $status): last API and web logs"
  compose_test logs --tail 40 api web || true
fi
exit "$status"
