#!/usr/bin/env bash
# make up: build what changed, start the stack detached, wait until every
# service is healthy (`up --wait`), print the URL.  Data stays in the
# project's volume between runs (make stop keeps it, make clean removes it).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
if [ "$(docker_main_env_file)" = "$ENV_EXAMPLE_FILE" ]; then
  echo "No .env file: using the development defaults of .env.example, with a random"
  echo "Django secret key kept in ${GENERATED_SECRET_FILE#"$REPO_ROOT"/} (the example key is refused)."
  echo "(cp .env.example .env and set real secrets before sharing this stack)."
fi

step "Starting project '$DOCKER_PROJECT' (db, migrate, api, web)"
if ! compose_main up -d --build --remove-orphans --wait --wait-timeout 180 "$@"; then
  compose_main ps -a || true
  compose_main logs --tail 50 || true
  die "the stack did not become healthy (logs above; make logs for more)"
fi
compose_main ps

url="$(docker_web_url)"
step "The dashboard is up: $url"
echo "  API docs: $url/api/docs/   logs: make logs   seed: make seed N=100000   stop: make stop"
