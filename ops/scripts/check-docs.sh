#!/usr/bin/env bash
# Docs must agree with the code:
#   1. every `make <target>` named in README.md and docs/*.md is a real target,
#      expands under `make -n`, and the script its recipe calls exists;
#   2. every relative link in those files points at a file that exists;
#   3. no path outside the repository (../shared) is named;
#   4. README.md and .ci/run name the same native test command.
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

docs=(README.md docs/*.md)
failures=0
fail() { printf '  \033[31mFAIL\033[0m %s\n' "$*"; failures=$((failures + 1)); }

for doc in "${docs[@]}"; do
  [ -f "$doc" ] || fail "$doc is missing"
done

# 1. make targets (`make foo`, `make foo N=1`); skip `make -n`-style flags.
targets="$(grep -ohE '`make [a-z][a-z-]*' "${docs[@]}" 2>/dev/null | sed 's/`make //' | sort -u)"
for target in $targets; do
  if ! expansion="$(make -n "$target" 2>&1)"; then
    fail "make $target (named in docs) does not expand: $expansion"
    continue
  fi
  script="$(printf '%s\n' "$expansion" | grep -oE 'ops/scripts/[a-z-]+\.sh' | head -n 1 || true)"
  if [ -n "$script" ] && [ ! -f "$script" ]; then
    fail "make $target calls $script, which does not exist"
  fi
done
echo "  make targets named in docs: $(echo "$targets" | wc -w | tr -d ' ') checked"

# 2. relative markdown links
for doc in "${docs[@]}"; do
  dir="$(dirname "$doc")"
  for link in $(grep -oE '\]\([^)#]+' "$doc" | sed 's/](//' | grep -vE '^(https?:|mailto:)' || true); do
    [ -e "$dir/$link" ] || fail "$doc links to $link, which does not exist"
  done
done

# 3. docs name only what is in this repository
! grep -rnE '\.\./shared|/work/shared' "${docs[@]}" || fail "the lines above name a path outside the repository"

# 4. the native test command
# shellcheck disable=SC2016  # the backticks are Markdown, not a substitution
readme_cmd="$(grep -oE 'native test command[^`]*`[^`]+`' README.md | head -n 1 | sed -E 's/.*`([^`]+)`/\1/' || true)"
if [ -z "$readme_cmd" ]; then
  fail "README.md does not state 'native test command ... \`<command>\`'"
elif ! grep -qxE "[[:space:]]*$readme_cmd" .ci/run; then
  fail ".ci/run does not run the README's native test command '$readme_cmd'"
else
  echo "  native test command: '$readme_cmd' in README.md and .ci/run"
fi

[ "$failures" -eq 0 ] || die "docs check: $failures problem(s)"
echo "  docs check passed"
