#!/usr/bin/env bash
# make build: build every image of the stack (api/migrate, web, and the e2e
# image of the `test` profile).  Extra arguments go to `compose build`
# (e.g. make build ARGS=--no-cache).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
step "Building images for project '$DOCKER_PROJECT' ($COMPOSE)"
compose_main --profile test build "$@"
step "Images built"
