#!/usr/bin/env bash
# Start or stop the real stack natively, for the E2E suite and screenshots:
# a fresh PostgreSQL database, gunicorn serving the API, and the built web app
# served by `vite preview` with /api proxied to gunicorn.
#
#   bash ops/scripts/native-stack.sh start    # returns once /api/health/ answers through the proxy
#   bash ops/scripts/native-stack.sh stop     # stops what `start` left running (idempotent;
#                                             # --force when another live process owns it)
#   bash ops/scripts/native-stack.sh status
#
# Settings (environment):
#   STACK_NAME        run directory under .run/ (pids, logs)      e2e
#   STACK_DB          database, dropped and recreated on start    jobs_e2e
#   STACK_SEED_COUNT  seed_jobs --count N after migrating (0: none) 0
#   STACK_API_PORT    gunicorn port                               18000
#   STACK_WEB_PORT    vite preview port                           14173
#   STACK_SKIP_BUILD  1: reuse the last build (.run/<name>/web-dist) 0
#   STACK_OWNER_PID   process the stack belongs to                parent process
#   PGHOST PGPORT PGUSER                                          127.0.0.1 5432 postgres
#
# A failed start stops what it had started before exiting non-zero.  Each
# server runs in its own process group (set -m), so `stop` takes children
# (gunicorn workers, npx's node) down with it.
source "$(dirname "$0")/lib.sh"

STACK_NAME="${STACK_NAME:-e2e}"
STACK_DB="${STACK_DB:-jobs_e2e}"
STACK_SEED_COUNT="${STACK_SEED_COUNT:-0}"
STACK_API_PORT="${STACK_API_PORT:-18000}"
STACK_WEB_PORT="${STACK_WEB_PORT:-14173}"
STACK_SKIP_BUILD="${STACK_SKIP_BUILD:-0}"
# The process the stack belongs to (check-e2e.sh, screenshot.sh, or your
# shell); a second `start` while it is alive refuses instead of taking over.
STACK_OWNER_PID="${STACK_OWNER_PID:-$PPID}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"

RUN_DIR="$REPO_ROOT/.run/$STACK_NAME"
WEB_DIST="$RUN_DIR/web-dist"
API_URL="http://127.0.0.1:$STACK_API_PORT"
WEB_URL="http://127.0.0.1:$STACK_WEB_PORT"

case "$STACK_DB" in
  jobs | test_jobs) die "native-stack.sh drops its database; refusing to use '$STACK_DB'" ;;
esac

# Environment of the API processes (migrate, seed, gunicorn).
api_env() {
  export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$STACK_DB"
  export DJANGO_SECRET_KEY="native-stack-throwaway-$STACK_NAME-not-secret"
  export DJANGO_DEBUG=false
  export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
  export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
}

# True when something answers HTTP on URL.
answers() {
  curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
}

# True when a TCP port on 127.0.0.1 accepts connections (curl gets a reply or
# an HTTP error, not "connection refused").
port_in_use() {
  local rc=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null || rc=$?
  [ "$rc" -ne 7 ]
}

# True when PID still runs one of our servers (gunicorn or vite), not an
# unrelated process that reused the number of a stale pid file.
is_our_server() {
  case "$(ps -o command= -p "$1" 2>/dev/null || true)" in
    *gunicorn* | *vite*) return 0 ;;
    *) return 1 ;;
  esac
}

# Stop the process group recorded in RUN_DIR/NAME.pid, politely then firmly.
stop_one() {
  local name="$1" pidfile="$RUN_DIR/$1.pid" pid tries
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && is_our_server "$pid"; then
    printf 'stopping %s (process group %s)\n' "$name" "$pid"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    tries=0
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
      sleep 0.2
      tries=$((tries + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      printf 'killing %s (did not stop within 10 s)\n' "$name"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    # Stragglers in the group (e.g. a gunicorn worker finishing a request).
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

stop_stack() {
  stop_one web
  stop_one api
  rm -f "$RUN_DIR/owner.pid"
}

# True when the api or web process of this run directory is alive.
stack_alive() {
  local name pid
  for name in api web; do
    pid="$(cat "$RUN_DIR/$name.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && is_our_server "$pid"; then
      return 0
    fi
  done
  return 1
}

# Print the last lines of a log, to explain a failed start.
show_log() {
  if [ -f "$RUN_DIR/$1.log" ]; then
    printf -- '--- last lines of %s ---\n' "$RUN_DIR/$1.log" >&2
    tail -n 40 "$RUN_DIR/$1.log" >&2 || true
  fi
}

# Wait until URL answers while the process in NAME.pid is alive.
wait_for() {
  local name="$1" url="$2" seconds="$3" waited=0 pid
  pid="$(cat "$RUN_DIR/$name.pid")"
  until answers "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log "$name"
      die "$name exited before $url answered"
    fi
    waited=$((waited + 1))
    if [ "$waited" -ge "$((seconds * 2))" ]; then
      show_log "$name"
      die "$url did not answer within ${seconds} s"
    fi
    sleep 0.5
  done
}

start_stack() {
  [ -x "$VENV_PY" ] || die "no venv at $VENV_DIR (run: make bootstrap)"
  [ -d "$WEB_DIR/node_modules" ] || die "apps/web has no node_modules (run: make bootstrap)"
  mkdir -p "$RUN_DIR"

  # A stack from this run directory that is still up belongs either to a
  # run in progress (its owner is alive: leave it alone) or to a run that
  # died without cleaning up (stop the leftovers).
  local owner
  owner="$(cat "$RUN_DIR/owner.pid" 2>/dev/null || true)"
  if stack_alive && [ -n "$owner" ] && [ "$owner" != "$STACK_OWNER_PID" ] && kill -0 "$owner" 2>/dev/null; then
    die "the '$STACK_NAME' stack is already running for process $owner; wait for it, or stop it: bash ops/scripts/native-stack.sh stop --force"
  fi
  stop_stack
  echo "$STACK_OWNER_PID" >"$RUN_DIR/owner.pid"
  local port
  for port in "$STACK_API_PORT" "$STACK_WEB_PORT"; do
    if port_in_use "$port"; then
      die "port $port on 127.0.0.1 is already in use by another program; stop it or set STACK_API_PORT/STACK_WEB_PORT"
    fi
  done

  # From here on, a failure stops what was started.
  trap 'rc=$?; if [ "$rc" -ne 0 ]; then stop_stack; fi' EXIT

  step "native stack: fresh database $STACK_DB"
  ensure_postgres
  dropdb --if-exists --force "$STACK_DB"
  createdb "$STACK_DB"
  api_env
  (cd "$API_DIR" && "$VENV_PY" manage.py migrate --no-input) >"$RUN_DIR/migrate.log" 2>&1 || {
    show_log migrate
    die "manage.py migrate failed"
  }
  if [ "$STACK_SEED_COUNT" -gt 0 ]; then
    step "native stack: seed_jobs --count $STACK_SEED_COUNT"
    (cd "$API_DIR" && "$VENV_PY" manage.py seed_jobs --count "$STACK_SEED_COUNT")
  fi

  step "native stack: gunicorn on $API_URL"
  set -m # each server in its own process group
  (
    cd "$API_DIR"
    GUNICORN_BIND="127.0.0.1:$STACK_API_PORT" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" \
      exec "$VENV_DIR/bin/gunicorn" -c gunicorn.conf.py config.wsgi
  ) >"$RUN_DIR/api.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/api.pid"
  set +m
  wait_for api "$API_URL/api/health/" 60

  # The build goes to a private directory: other work in this tree may
  # rebuild apps/web/dist at any moment, which would pull files from under
  # the running preview server.
  if [ "$STACK_SKIP_BUILD" = 1 ] && [ -f "$WEB_DIST/index.html" ]; then
    step "native stack: reusing $WEB_DIST (STACK_SKIP_BUILD=1)"
  else
    step "native stack: npm run build (apps/web -> $WEB_DIST)"
    (cd "$WEB_DIR" && npm run build -- --outDir "$WEB_DIST" --emptyOutDir) >"$RUN_DIR/build.log" 2>&1 || {
      show_log build
      die "npm run build failed in apps/web"
    }
    [ -f "$WEB_DIST/index.html" ] || {
      show_log build
      die "npm run build did not write $WEB_DIST/index.html (did the build script stop ending in 'vite build'?)"
    }
  fi

  step "native stack: vite preview on $WEB_URL (/api -> $API_URL)"
  set -m
  (
    cd "$WEB_DIR"
    API_PROXY_TARGET="$API_URL" exec "$WEB_DIR/node_modules/.bin/vite" preview \
      --outDir "$WEB_DIST" --host 127.0.0.1 --port "$STACK_WEB_PORT" --strictPort
  ) >"$RUN_DIR/web.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/web.pid"
  set +m
  wait_for web "$WEB_URL/api/health/" 60
  answers "$WEB_URL/" || die "$WEB_URL/ does not serve the web app"

  trap - EXIT
  printf 'native stack up: %s (API %s, database %s, logs in %s)\n' "$WEB_URL" "$API_URL" "$STACK_DB" "$RUN_DIR"
}

status_stack() {
  local name pid
  printf 'owner: %s\n' "$(cat "$RUN_DIR/owner.pid" 2>/dev/null || echo none)"
  for name in api web; do
    pid="$(cat "$RUN_DIR/$name.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      printf '%s: running (pid %s)\n' "$name" "$pid"
    else
      printf '%s: stopped\n' "$name"
    fi
  done
}

# `stop` from a process other than the owner leaves a live owner's stack
# alone (so a second, refused run does not take down the first one's stack
# in its exit trap); `stop --force` stops it anyway.
stop_command() {
  local owner
  owner="$(cat "$RUN_DIR/owner.pid" 2>/dev/null || true)"
  if [ "${1:-}" != --force ] && [ -n "$owner" ] && [ "$owner" != "$STACK_OWNER_PID" ] \
    && kill -0 "$owner" 2>/dev/null && stack_alive; then
    echo "the '$STACK_NAME' stack belongs to running process $owner; leaving it up (stop --force stops it)" >&2
    return 0
  fi
  stop_stack
}

case "${1:-}" in
  start) start_stack ;;
  stop) stop_command "${2:-}" ;;
  status) status_stack ;;
  *) die "usage: $0 start|stop [--force]|status" ;;
esac
