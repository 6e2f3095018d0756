#!/usr/bin/env bash
# make clean: remove this checkout's compose projects (the `make up` one and
# the `make test` one): their containers, networks, volumes (the database!)
# and the images they built.  Base images (postgres, node, nginx, python) and
# everything outside these two projects are left alone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
step "Removing project '$DOCKER_PROJECT': containers, networks, volumes, built images"
compose_main --profile test down --volumes --rmi local --remove-orphans "$@"
step "Removing project '$DOCKER_TEST_PROJECT' (left by make test)"
compose_test down --volumes --rmi local --remove-orphans
step "Clean"
