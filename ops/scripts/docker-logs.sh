#!/usr/bin/env bash
# make logs: follow the running stack's logs (make logs ARGS=api for one
# service; Ctrl-C to stop following).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/docker-lib.sh"

docker_require
compose_main logs --follow --tail 200 "$@"
