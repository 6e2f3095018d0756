#!/usr/bin/env bash
# make stop: stop the stack's containers and keep everything else (data
# volume, images, network); make up starts it again with the same data.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
step "Stopping project '$DOCKER_PROJECT' (data kept)"
compose_main --profile test stop "$@"
