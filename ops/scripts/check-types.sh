#!/usr/bin/env bash
# Fail when the committed openapi.yaml or schema.gen.ts (web, E2E) differ from what the
# current code generates (run 'make types' and commit the result to fix).
source "$(dirname "$0")/lib.sh"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

TYPES_OUT_DIR="$tmp" bash "$REPO_ROOT/ops/scripts/types.sh"

status=0
check() {
  local committed="$1" generated="$2"
  if [ ! -f "$committed" ]; then
    echo "missing: ${committed#"$REPO_ROOT"/}" >&2
    status=1
  elif ! diff -u "$committed" "$generated" >"$tmp/diff.txt"; then
    echo "out of date: ${committed#"$REPO_ROOT"/} (run 'make types')" >&2
    head -n 80 "$tmp/diff.txt" >&2
    status=1
  fi
}

step "compare generated files with the committed ones"
check "$API_DIR/openapi.yaml" "$tmp/openapi.yaml"
check "$WEB_DIR/src/api/schema.gen.ts" "$tmp/schema.gen.ts"
check "$E2E_DIR/fixtures/schema.gen.ts" "$tmp/e2e-schema.gen.ts"
[ "$status" -eq 0 ] || die "generated API files are stale"
echo "openapi.yaml and both schema.gen.ts are up to date"
