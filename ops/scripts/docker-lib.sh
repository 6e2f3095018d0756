#!/usr/bin/env bash
# Shared by ops/scripts/docker-*.sh (the Docker path: make build, up, stop,
# clean, test, logs, seed).  Source it after lib.sh; do not run it.
# bash 3.2 compatible: no associative arrays, no ${var,,}, no empty-array
# expansion under `set -u`.
#
# Two compose projects, both named after this checkout's directory:
#   <dir>        `make up`: docker-compose.yml + ops/docker/compose.publish.yml
#                (web on ${WEB_PORT:-8080}), env from .env, else .env.example
#   <dir>-test   `make test`: docker-compose.yml + ops/docker/compose.test.yml
#                (no host port, a throwaway database without fsync), env
#                from .env.example, its own network and volume
# COMPOSE_PROJECT_NAME, when set, replaces <dir>.

COMPOSE_MAIN_FILE="$REPO_ROOT/docker-compose.yml"
COMPOSE_PUBLISH_FILE="$REPO_ROOT/ops/docker/compose.publish.yml"
COMPOSE_TEST_FILE="$REPO_ROOT/ops/docker/compose.test.yml"
ENV_EXAMPLE_FILE="$REPO_ROOT/.env.example"

# The compose command: Compose v2 (the `docker compose` plugin).
COMPOSE="docker compose"

# Find Docker, Compose v2 and a running daemon, or stop with what to do.
docker_require() {
  command -v docker >/dev/null 2>&1 || die "'docker' is not installed.
       Install Docker (Docker Desktop, or Docker Engine with the Compose v2 plugin)
       from https://docs.docker.com/get-docker/, then rerun."
  docker compose version >/dev/null 2>&1 || die "Docker Compose v2 was not found: install the 'docker compose' plugin."
  docker info >/dev/null 2>&1 || die "the Docker daemon is not answering ('docker info' failed).
       Start Docker (Docker Desktop, or 'sudo systemctl start docker') and rerun;
       on Linux, your user may also need to be in the 'docker' group."
}

# Project name from the checkout's directory, with the characters compose
# rejects removed (lower case letters, digits, '-' and '_'; a letter or digit first).
docker_project_base() {
  local name
  name="$(basename "$REPO_ROOT" | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9_-' | sed 's/^[-_]*//')"
  echo "${COMPOSE_PROJECT_NAME:-${name:-jobs-dashboard}}"
}

DOCKER_PROJECT="$(docker_project_base)"
DOCKER_TEST_PROJECT="${DOCKER_PROJECT}-test"

# The env file `make up` uses: .env when present, else the committed defaults.
docker_main_env_file() {
  if [ -f "$REPO_ROOT/.env" ]; then echo "$REPO_ROOT/.env"; else echo "$ENV_EXAMPLE_FILE"; fi
}

# The Django secret key of a stack run on .env.example, whose own key is
# public and refused by the API (DEBUG off): 64 random hex characters, made
# on first use and kept in this git-ignored file (mode 600), so sessions
# survive restarts.  Delete the file to rotate the key.
GENERATED_SECRET_FILE="$REPO_ROOT/.django-secret-key"

docker_generated_secret() {
  if [ ! -s "$GENERATED_SECRET_FILE" ]; then
    (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$GENERATED_SECRET_FILE")
  fi
  cat "$GENERATED_SECRET_FILE"
}

# Export the generated key when ENV_FILE is .env.example and the environment
# sets no DJANGO_SECRET_KEY of its own (a real variable or .env wins).
# Usage, in a subshell: docker_export_secret ENV_FILE
docker_export_secret() {
  if [ "$1" = "$ENV_EXAMPLE_FILE" ] && [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    DJANGO_SECRET_KEY="$(docker_generated_secret)"
    export DJANGO_SECRET_KEY
  fi
}

# compose for the `make up` project.  Usage: compose_main ARGS...
# COMPOSE_PROJECT_NAME is exported too: docker-compose.yml names the api image
# after it (older Compose versions do not derive it from -p for interpolation).
compose_main() {
  (cd "$REPO_ROOT" && docker_export_secret "$(docker_main_env_file)" &&
    COMPOSE_PROJECT_NAME="$DOCKER_PROJECT" $COMPOSE -p "$DOCKER_PROJECT" --env-file "$(docker_main_env_file)" \
      -f "$COMPOSE_MAIN_FILE" -f "$COMPOSE_PUBLISH_FILE" "$@")
}

# compose for the isolated `make test` project.  Usage: compose_test ARGS...
compose_test() {
  (cd "$REPO_ROOT" && docker_export_secret "$ENV_EXAMPLE_FILE" &&
    COMPOSE_PROJECT_NAME="$DOCKER_TEST_PROJECT" $COMPOSE -p "$DOCKER_TEST_PROJECT" --env-file "$ENV_EXAMPLE_FILE" \
      -f "$COMPOSE_MAIN_FILE" -f "$COMPOSE_TEST_FILE" --profile test "$@")
}

# The URL the dashboard answers on under `make up`.
docker_web_url() {
  local port="${WEB_PORT:-}"
  [ -n "$port" ] || port="$(sed -n 's/^WEB_PORT=//p' "$(docker_main_env_file)" | tail -n 1 | tr -d '"'"'"' \r')"
  echo "http://localhost:${port:-8080}"
}
