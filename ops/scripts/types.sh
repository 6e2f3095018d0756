#!/usr/bin/env bash
# Regenerate the API's OpenAPI schema (drf-spectacular) and the web app's
# TypeScript types from it (openapi-typescript).  No database is needed.
#
#   bash ops/scripts/types.sh            # writes the committed files
#   TYPES_OUT_DIR=/tmp/x bash ...        # writes both into /tmp/x instead
source "$(dirname "$0")/lib.sh"

out_dir="${TYPES_OUT_DIR:-}"
if [ -n "$out_dir" ]; then
  mkdir -p "$out_dir"
  schema_file="$(cd "$out_dir" && pwd)/openapi.yaml"
  types_file="$(cd "$out_dir" && pwd)/schema.gen.ts"
else
  schema_file="$API_DIR/openapi.yaml"
  types_file="$WEB_DIR/src/api/schema.gen.ts"
fi

[ -x "$VENV_PY" ] || die "no venv at $VENV_DIR: run 'make bootstrap' first"

step "OpenAPI schema -> ${schema_file#$REPO_ROOT/}"
(
  cd "$API_DIR"
  # Settings need a database URL and a secret key to load; spectacular never connects.
  DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jobs}" \
    DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-schema-generation-only}" \
    "$VENV_PY" manage.py spectacular --file "$schema_file" --validate --fail-on-warn
)

step "TypeScript types -> ${types_file#$REPO_ROOT/}"
npm_ci_if_stale "$WEB_DIR"
(cd "$WEB_DIR" && npx --no-install openapi-typescript "$schema_file" -o "$types_file")
