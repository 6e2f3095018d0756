#!/usr/bin/env bash
# make test: the E2E suite against the whole stack in containers.
#
# Runs in its own compose project (<dir>-test): its own network and database
# volume and no published host port, so it neither touches the data of
# `make up` nor collides with ports in use.  Builds the images, starts db ->
# migrate -> api, events -> web and the bulk worker (`up --wait`), runs the
# Playwright image against http://web:8080, copies the HTML report to
# ./playwright-report, and always removes the test project at the end.  Exits
# with the suite's status.  Extra arguments go to `playwright test`
# (make test ARGS="--grep create").
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
report_dir="$REPO_ROOT/playwright-report"
e2e_container="$DOCKER_TEST_PROJECT-e2e-run"
t0=$(date +%s)

teardown() {
  docker rm -f "$e2e_container" >/dev/null 2>&1 || true
  compose_test down --volumes --remove-orphans --timeout 10 >/dev/null 2>&1 || true
}
# shellcheck disable=SC2329  # the EXIT trap runs it (0.11 misses that before an exit)
finish() {
  local status=$?
  step "Removing test project '$DOCKER_TEST_PROJECT'"
  teardown
  echo "make test: $(($(date +%s) - t0)) s, exit status $status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Test project '$DOCKER_TEST_PROJECT': clearing leftovers of an earlier run"
teardown

step "Building images"
compose_test build

step "Starting db, migrate, api, events, worker, web (no host ports)"
if ! compose_test up -d --wait --wait-timeout 300 web worker; then
  compose_test ps -a || true
  compose_test logs --tail 80 db migrate api events worker web || true
  die "the test stack did not become healthy (logs above)"
fi

step "Running the E2E suite"
status=0
if [ $# -gt 0 ]; then
  compose_test run -T --name "$e2e_container" e2e npx playwright test "$@" || status=$?
else
  compose_test run -T --name "$e2e_container" e2e || status=$?
fi

rm -rf "$report_dir"
if docker cp "$e2e_container:/e2e/playwright-report" "$report_dir" >/dev/null 2>&1; then
  echo "HTML report: $report_dir/index.html"
else
  echo "warning: no HTML report to copy from the e2e container" >&2
fi
if [ "$status" -ne 0 ]; then
  step "E2E suite failed (status $status): last API and web logs"
  compose_test logs --tail 40 api web || true
fi
exit "$status"
