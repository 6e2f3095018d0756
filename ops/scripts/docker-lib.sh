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

# The compose command, set by docker_require: "docker compose" or "docker-compose".
COMPOSE=""

# Find Compose v2 and a running Docker daemon, or stop with what to do.
docker_require() {
  if ! command -v docker >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
    die "neither 'docker' nor 'docker-compose' is installed.
       Install Docker (Docker Desktop, or Docker Engine with the Compose v2 plugin)
       from https://docs.docker.com/get-docker/, then rerun."
  fi
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    COMPOSE="docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then
    local version
    version="$(docker-compose version --short 2>/dev/null || true)"
    version="${version#v}"
    case "$version" in
      2.* | [3-9].*) COMPOSE="docker-compose" ;;
      *) die "docker-compose ${version:-(unknown version)} found, but Compose v2 is required
       (the 'docker compose' plugin or docker-compose 2.x)." ;;
    esac
  else
    die "Docker Compose v2 was not found: install the 'docker compose' plugin
       or the standalone docker-compose 2.x."
  fi
  if command -v docker >/dev/null 2>&1; then
    if ! docker info >/dev/null 2>&1; then
      die "the Docker daemon is not answering ('docker info' failed).
       Start Docker (Docker Desktop, or 'sudo systemctl start docker') and rerun;
       on Linux, your user may also need to be in the 'docker' group."
    fi
  else
    die "the 'docker' command is missing (docker-compose alone cannot copy the
       test report or check the daemon); install the Docker CLI."
  fi
}

# Project name from the checkout's directory, with the characters compose
# rejects removed (lower case letters, digits, '-' and '_'; a letter or digit first).
docker_project_base() {
  if [ -n "${COMPOSE_PROJECT_NAME:-}" ]; then
    echo "$COMPOSE_PROJECT_NAME"
    return
  fi
  local name
  name="$(basename "$REPO_ROOT" | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9_-' | sed 's/^[-_]*//')"
  [ -n "$name" ] || name="jobs-dashboard"
  echo "$name"
}

DOCKER_PROJECT="$(docker_project_base)"
DOCKER_TEST_PROJECT="${DOCKER_PROJECT}-test"

# The env file `make up` uses: .env when present, else the committed defaults.
docker_main_env_file() {
  if [ -f "$REPO_ROOT/.env" ]; then
    echo "$REPO_ROOT/.env"
  else
    echo "$ENV_EXAMPLE_FILE"
  fi
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

# The container id of SERVICE in PROJECT (running or not, one-off runs
# included), newest first.  Usage: docker_service_container PROJECT SERVICE
docker_service_container() {
  docker ps -a -q \
    --filter "label=com.docker.compose.project=$1" \
    --filter "label=com.docker.compose.service=$2" | head -n 1
}

# The health of a container: healthy, unhealthy, starting, or its state
# (exited, ...) when it has no healthcheck or is not running.
docker_container_health() {
  docker inspect -f '{{if .State.Health}}{{if eq .State.Status "running"}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}{{else}}{{.State.Status}}{{end}}' "$1" 2>/dev/null || echo missing
}

# Wait until SERVICE of PROJECT is healthy; fail after TIMEOUT seconds or as
# soon as it is unhealthy or stopped.  Usage: docker_wait_healthy PROJECT SERVICE TIMEOUT
docker_wait_healthy() {
  local project="$1" service="$2" timeout="$3" waited=0 cid health
  while :; do
    cid="$(docker_service_container "$project" "$service")"
    health="missing"
    [ -z "$cid" ] || health="$(docker_container_health "$cid")"
    case "$health" in
      healthy) return 0 ;;
      unhealthy | exited | dead) echo "$service is $health" >&2; return 1 ;;
    esac
    if [ "$waited" -ge "$timeout" ]; then
      echo "$service is still '$health' after ${timeout}s" >&2
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

# The URL the dashboard answers on under `make up`.
docker_web_url() {
  local port="${WEB_PORT:-}" env_file
  if [ -z "$port" ]; then
    env_file="$(docker_main_env_file)"
    port="$(sed -n 's/^WEB_PORT=//p' "$env_file" | tail -n 1 | tr -d '"'"'"' \r')"
  fi
  echo "http://localhost:${port:-8080}"
}
