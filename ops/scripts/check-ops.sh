#!/usr/bin/env bash
# Ops stage of `make check`: field linters over the Docker, shell and nginx
# files, then the checks only this project can make (ops/tests, pytest):
#   hadolint     every Dockerfile
#   ShellCheck   ops/scripts/*.sh and .ci/run (settings: .shellcheckrc)
#   ops/tests    gixy and a real nginx over ops/nginx/ (routing), every COPY
#                source in its build context, the E2E image's Playwright pin,
#                `docker compose config` (skipped without Compose), promtool
# Rerun alone with: bash ops/scripts/check-ops.sh [pytest args...]
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
bin="$VENV_DIR/bin"
[ -x "$bin/hadolint" ] || die "no hadolint in $VENV_DIR (run: make bootstrap)"

step "ops: hadolint"
git ls-files --cached --others --exclude-standard '*Dockerfile' | xargs "$bin/hadolint"

step "ops: shellcheck"
"$bin/shellcheck" ops/scripts/*.sh .ci/run

step "ops: ruff (ops/tests)"
"$bin/ruff" check ops/tests
"$bin/ruff" format --check ops/tests

step "ops: pytest ops/tests"
"$VENV_PY" -m pytest ops/tests "$@"
