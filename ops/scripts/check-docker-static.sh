#!/usr/bin/env bash
# make check, stage docker-static: checks of the Docker path that need no
# Docker engine (for machines and CI runners without one).
#
#   1. Dockerfiles: pinned Docker Hub base images, no `# syntax=` line, every
#      COPY/ADD source exists in its build context and survives the context's
#      ignore file, and no host node_modules/ or venv can enter an image.
#   2. The E2E image's Playwright equals playwright/package-lock.json's
#      @playwright/test (installed by `npm ci` from that lock, pinned exactly).
#   3. docker-compose.yml: `docker compose config` when a Compose client is
#      installed (it needs no daemon), plus a structural check (services,
#      start order, healthchecks, ports, profiles).
#   4. nginx: `nginx -t` on ops/nginx/*.conf, then the routing rules exercised
#      on a real nginx against a stub API (SPA fallback, /api never HTML,
#      cache headers, gzip, JSON 503 when the API is down).
#   5. The docker-*.sh scripts parse and avoid bash 4 features (macOS bash 3.2).
# Prints every problem found, then fails.
source "$(dirname "$0")/lib.sh"

failures=0
fail() {
  printf '\033[1;31mFAIL\033[0m %s\n' "$*" >&2
  failures=$((failures + 1))
}
ok() {
  printf '  ok  %s\n' "$*"
}

# A Python with PyYAML: the project venv has it (drf-spectacular needs it).
checker_python() {
  if [ -x "$VENV_PY" ] && "$VENV_PY" -c 'import yaml' >/dev/null 2>&1; then
    echo "$VENV_PY"
  elif python3 -c 'import yaml' >/dev/null 2>&1; then
    command -v python3
  else
    echo ""
  fi
}
PY="$(checker_python)"
[ -n "$PY" ] || die "no Python with PyYAML found (run: bash ops/scripts/bootstrap.sh)"

# ---- 1, 2, 3 (structure): Dockerfiles, contexts, Playwright, compose ---------------
step "docker-static: Dockerfiles, build contexts, Playwright pin, compose structure"
if ! "$PY" "$REPO_ROOT/ops/docker/check_static.py" "$REPO_ROOT"; then
  fail "Dockerfile / compose checks (details above)"
fi

# ---- 3: docker compose config ----------------------------------------------------------
step "docker-static: compose config"
compose_cmd=""
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose_cmd="docker compose"
elif command -v docker-compose >/dev/null 2>&1 && docker-compose version >/dev/null 2>&1; then
  compose_cmd="docker-compose"
fi
if [ -n "$compose_cmd" ]; then
  for files in "-f docker-compose.yml" "-f docker-compose.yml -f ops/docker/compose.publish.yml" \
    "-f docker-compose.yml -f ops/docker/compose.test.yml"; do
    # shellcheck disable=SC2086  # word splitting of $files is intended
    if out="$(cd "$REPO_ROOT" && $compose_cmd --env-file .env.example $files --profile test config -q 2>&1)"; then
      ok "$compose_cmd $files config"
    else
      fail "$compose_cmd $files config: $out"
    fi
  done
  # Without an env file the required secrets must stop compose with a message.
  if (cd "$REPO_ROOT" && env -u DJANGO_SECRET_KEY -u POSTGRES_PASSWORD \
      $compose_cmd --env-file /dev/null -f docker-compose.yml config -q >/dev/null 2>&1); then
    fail "compose accepted a configuration without DJANGO_SECRET_KEY/POSTGRES_PASSWORD"
  else
    ok "required secrets are enforced (\${VAR:?})"
  fi
else
  ok "no Compose client installed: the structural check above stands in for 'docker compose config'"
fi

# ---- 4: nginx ------------------------------------------------------------------------
step "docker-static: nginx"
if ! command -v nginx >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's nginx-light for nginx -t"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1; } || true
fi
if command -v nginx >/dev/null 2>&1; then
  if ! "$PY" "$REPO_ROOT/ops/docker/check_nginx.py" "$REPO_ROOT"; then
    fail "nginx configuration (details above)"
  fi
else
  fail "nginx is not installed, so ops/nginx/*.conf could not be checked (apt-get install nginx-light)"
fi

# ---- 5: scripts ---------------------------------------------------------------------------
step "docker-static: docker-*.sh scripts (bash 3.2)"
for script in "$REPO_ROOT"/ops/scripts/docker-*.sh "$REPO_ROOT/ops/scripts/check-docker-static.sh"; do
  name="${script#"$REPO_ROOT"/}"
  if ! bash -n "$script"; then
    fail "$name does not parse"
  fi
  # This script names the patterns it looks for.
  [ "$name" != "ops/scripts/check-docker-static.sh" ] || continue
  # bash 4+ only: associative arrays, case conversion, mapfile, |&, ;;&
  # (comment lines are skipped).
  hits="$(grep -nE 'declare -A|local -A|\$\{[A-Za-z_]+(,,|\^\^)|\b(mapfile|readarray)\b|\|&|;;&' "$script" |
    grep -vE '^[0-9]+:[[:space:]]*#' || true)"
  if [ -n "$hits" ]; then
    echo "$hits"
    fail "$name uses a bash 4 feature (macOS ships bash 3.2)"
  else
    ok "$name parses and avoids bash 4 features"
  fi
done

if [ "$failures" -gt 0 ]; then
  die "docker-static: $failures check(s) failed"
fi
step "docker-static: all checks passed"
