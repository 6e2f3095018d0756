#!/usr/bin/env bash
# make up: build what changed, start the stack detached, wait until every
# service is healthy, print the URL.  Data stays in the project's volume
# between runs (make stop keeps it, make clean removes it).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
env_file="$(docker_main_env_file)"
if [ "$env_file" = "$ENV_EXAMPLE_FILE" ]; then
  echo "No .env file: using the development defaults of .env.example, with a random"
  echo "Django secret key kept in ${GENERATED_SECRET_FILE#"$REPO_ROOT"/} (the example key is refused)."
  echo "(cp .env.example .env and set real secrets before sharing this stack)."
fi

step "Starting project '$DOCKER_PROJECT' (db, migrate, api, web)"
# `up -d` returns once every container has started; dependants start only when
# their dependency is healthy (db, api) or has completed (migrate), so a
# failure there stops it.  Then wait for web's own healthcheck.
if ! compose_main up -d --build --remove-orphans "$@"; then
  compose_main ps -a || true
  compose_main logs --tail 50 || true
  die "the stack did not start (logs above; make logs for more)"
fi
if ! docker_wait_healthy "$DOCKER_PROJECT" web 120; then
  compose_main ps -a || true
  compose_main logs --tail 50 web api || true
  die "web did not become healthy"
fi
compose_main ps

url="$(docker_web_url)"
step "The dashboard is up: $url"
echo "  API docs: $url/api/docs/   logs: make logs   seed: make seed N=100000   stop: make stop"
