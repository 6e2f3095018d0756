#!/usr/bin/env bash
# Regenerate the API's OpenAPI schema (drf-spectacular) and the TypeScript
# types from it (openapi-typescript, with every enum's values exported as an
# array), written for the web app and, as an identical copy inside the E2E
# image's build context, for the Playwright fixtures.  No database is needed.
#
#   bash ops/scripts/types.sh            # writes the committed files
#   TYPES_OUT_DIR=/tmp/x bash ...        # writes both into /tmp/x instead
source "$(dirname "$0")/lib.sh"

out_dir="${TYPES_OUT_DIR:-}"
if [ -n "$out_dir" ]; then
  mkdir -p "$out_dir"
  schema_file="$(cd "$out_dir" && pwd)/openapi.yaml"
  types_file="$(cd "$out_dir" && pwd)/schema.gen.ts"
  e2e_types_file="$(cd "$out_dir" && pwd)/e2e-schema.gen.ts"
else
  schema_file="$API_DIR/openapi.yaml"
  types_file="$WEB_DIR/src/api/schema.gen.ts"
  e2e_types_file="$E2E_DIR/fixtures/schema.gen.ts"
fi

[ -x "$VENV_PY" ] || die "no venv at $VENV_DIR: run 'make bootstrap' first"

step "OpenAPI schema -> ${schema_file#"$REPO_ROOT"/}"
(
  cd "$API_DIR"
  # Settings need a database URL and a secret key to load; spectacular never connects.
  DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jobs}" \
    DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-schema-generation-only}" \
    "$VENV_PY" manage.py spectacular --file "$schema_file" --validate --fail-on-warn
)

step "TypeScript types -> ${types_file#"$REPO_ROOT"/}"
npm_ci_if_stale "$WEB_DIR"
(cd "$WEB_DIR" && npx --no-install openapi-typescript "$schema_file" --enum-values -o "$types_file")

step "TypeScript types -> ${e2e_types_file#"$REPO_ROOT"/} (a copy)"
cp "$types_file" "$e2e_types_file"
