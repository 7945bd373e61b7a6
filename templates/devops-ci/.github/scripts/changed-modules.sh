#!/usr/bin/env bash
# Lists the modules (modules/<name>/mcp) a change touches, as a JSON array for a job matrix.
#
#   BASE_SHA=<commit> bash .github/scripts/changed-modules.sh
#
# BASE_SHA: the commit to compare HEAD with (a pull request's base, or the commit before a
#   push). Empty, all zeros (a new branch) or unknown to this clone: every module.
# ALL_MODULES=true: every module (release tags, manual runs).
# A change to the shared runtime, the root manifests, the lockfile or the root .dockerignore
# touches every module. Nothing here lists modules by name: they are found on disk.
# Writes modules=<json> and any=<true|false>, and containers=<json> / any_container=<true|false> (those
# with a Dockerfile: an Edge-only module has none), to $GITHUB_OUTPUT when set, else to stdout.
set -euo pipefail

name_pattern='^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'
all=()
for manifest in modules/*/mcp/package.json; do
  [ -e "$manifest" ] || continue
  module="${manifest#modules/}"
  module="${module%%/*}"
  case "$module" in _*) continue ;; esac
  if ! [[ "$module" =~ $name_pattern ]]; then
    echo "::error::modules/$module is not a valid module name (lowercase letters, digits and dashes)" >&2
    exit 1
  fi
  all+=("$module")
done

selected=()
base="${BASE_SHA:-}"
if [ "${ALL_MODULES:-false}" = "true" ]; then
  echo "every module: ALL_MODULES=true"
  selected=("${all[@]}")
elif [ -z "$base" ] || [[ "$base" =~ ^0+$ ]]; then
  echo "every module: no base commit to compare with"
  selected=("${all[@]}")
elif ! git cat-file -e "${base}^{commit}" 2>/dev/null; then
  echo "every module: base commit $base is not in this clone (fetch-depth: 0?)"
  selected=("${all[@]}")
else
  mapfile -t changed < <(git diff --name-only "$base" HEAD --)
  shared=false
  for path in "${changed[@]}"; do
    case "$path" in
      modules/_shared/* | package.json | package-lock.json | tsconfig.base.json | .dockerignore)
        echo "every module: $path changed"
        shared=true
        break
        ;;
    esac
  done
  if [ "$shared" = true ]; then
    selected=("${all[@]}")
  else
    for module in "${all[@]}"; do
      for path in "${changed[@]}"; do
        if [[ "$path" == "modules/$module/"* ]]; then
          selected+=("$module")
          break
        fi
      done
    done
  fi
fi

json="["
for module in "${selected[@]}"; do
  json+="\"$module\","
done
json="${json%,}]"
any=false
[ "${#selected[@]}" -gt 0 ] && any=true
# The selected modules that build an image (an Edge-only module has no Dockerfile).
containers="["
for module in "${selected[@]}"; do
  [ -f "modules/$module/mcp/Dockerfile" ] && containers+="\"$module\","
done
containers="${containers%,}]"
any_container=false
[ "$containers" != "[]" ] && any_container=true

echo "modules: $json"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "modules=$json"
    echo "any=$any"
    echo "containers=$containers"
    echo "any_container=$any_container"
  } >>"$GITHUB_OUTPUT"
else
  echo "modules=$json"
  echo "any=$any"
  echo "containers=$containers"
  echo "any_container=$any_container"
fi
