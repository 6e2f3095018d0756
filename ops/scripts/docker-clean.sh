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
# Earlier builds of the same images, untagged by later rebuilds: compose
# labels every image it builds with its project, so only ours match.
for project in "$DOCKER_PROJECT" "$DOCKER_TEST_PROJECT"; do
  stale="$(docker image ls -q --filter dangling=true \
    --filter "label=com.docker.compose.project=$project" | sort -u)"
  if [ -n "$stale" ]; then
    step "Removing $(echo "$stale" | wc -l | tr -d ' ') superseded image(s) of project '$project'"
    # shellcheck disable=SC2086  # one id per word
    docker image rm $stale >/dev/null || true
  fi
done
step "Clean"
