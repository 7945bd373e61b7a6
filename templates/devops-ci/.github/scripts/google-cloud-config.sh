#!/usr/bin/env bash
# Reads .github/google-cloud.json and writes its settings as step outputs, failing with a
# clear message when one is missing. Settings live in the repository (reviewed like code),
# not in GitHub variables.
#
#   bash .github/scripts/google-cloud-config.sh [<module>|""] [<more required keys>...]
#
# Always requires projectId, region and workloadIdentityProvider. With a module, also
# resolves its pinned secret version and runtime service account.
set -euo pipefail

config="${GOOGLE_CLOUD_CONFIG:-.github/google-cloud.json}"
module="${1:-}"

fail() {
  echo "::error file=$config::$*" >&2
  exit 1
}

[ -f "$config" ] || fail "$config not found"
jq -e 'type == "object"' "$config" >/dev/null 2>&1 || fail "$config is not a JSON object"

setting() {
  jq -r --arg key "$1" '.[$key] // "" | strings' "$config"
}

outputs=()
for key in projectId region workloadIdentityProvider "${@:2}"; do
  value="$(setting "$key")"
  [ -n "$value" ] || fail "\"$key\" is empty in $config: fill it in (docs/deploy.md, one-time setup)"
  outputs+=("$key=$value")
done

if [ -n "$module" ]; then
  [[ "$module" =~ ^[a-z]([a-z0-9-]*[a-z0-9])?$ ]] || fail "'$module' is not a module name usable as a Cloud Run service"
  version="$(jq -r --arg m "$module" '.modules[$m].secretVersion // "" | tostring' "$config")"
  [[ "$version" =~ ^[1-9][0-9]*$ ]] \
    || fail "modules.\"$module\".secretVersion in $config must be the pinned version number of secret $module-auth-token (got '${version}'; never latest)"
  project="$(setting projectId)"
  account="$(jq -r --arg m "$module" '.modules[$m].serviceAccount // "" | strings' "$config")"
  account="${account:-${module}-mcp@${project}.iam.gserviceaccount.com}"
  outputs+=("secretVersion=$version" "serviceAccount=$account")
fi

for line in "${outputs[@]}"; do
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$line" >>"$GITHUB_OUTPUT"; else echo "$line"; fi
done
