#!/usr/bin/env bash
# Lists the modules to deploy as Supabase Edge Functions, as a JSON array for a job matrix: the
# modules changed-modules.sh selects (same BASE_SHA / ALL_MODULES rules) whose
# modules/<name>/mcp/mcpops.module.json lists "edge" in "targets".
#
#   BASE_SHA=<commit> bash .github/scripts/edge-modules.sh
#
# ONLY_MODULES: space-separated module names to keep (a manual run or a rollback of some modules);
#   a name that is not an Edge module is an error.
# Writes modules=<json> and any=<true|false> to $GITHUB_OUTPUT when set, else to stdout.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
changed="$(GITHUB_OUTPUT='' bash "$here/changed-modules.sh" | sed -n 's/^modules=//p' | tail -n 1)"

is_edge() {
  local metadata="modules/$1/mcp/mcpops.module.json"
  [ -f "$metadata" ] && jq -e '(.targets // ["container"]) | index("edge") != null' "$metadata" >/dev/null
}

selected=()
while IFS= read -r module; do
  [ -n "$module" ] || continue
  if is_edge "$module"; then
    selected+=("$module")
  fi
done < <(jq -r '.[]' <<<"${changed:-[]}")

if [ -n "${ONLY_MODULES:-}" ]; then
  read -r -a wanted <<<"$ONLY_MODULES"
  kept=()
  for module in "${wanted[@]}"; do
    if ! [[ "$module" =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$ ]] || ! is_edge "$module"; then
      echo "::error::'$module' is not an Edge module (modules/<name>/mcp/mcpops.module.json with \"edge\" in \"targets\")" >&2
      exit 1
    fi
    for candidate in "${selected[@]}"; do
      [ "$candidate" = "$module" ] && kept+=("$module")
    done
  done
  selected=("${kept[@]}")
fi

json="$(printf '%s\n' "${selected[@]}" | jq -R . | jq -cs 'map(select(length > 0))')"
any=false
[ "$json" != "[]" ] && any=true
echo "edge modules: $json"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "modules=$json"
    echo "any=$any"
  } >>"$GITHUB_OUTPUT"
else
  echo "modules=$json"
  echo "any=$any"
fi
