#!/usr/bin/env bash
# Sends 100% of a Cloud Run service's traffic to one existing, ready revision (rollback to N-1).
#
#   SERVICE=billing REVISION=billing-00041-abc PROJECT=... REGION=... \
#     bash .github/scripts/cloudrun-rollback.sh
#
# REVISION empty: the newest ready revision older than the one serving now (N-1).
# Traffic then stays pinned to that revision; the next deploy workflow moves it on again
# (it routes to the new revision with --to-latest once the smoke test passed).
# SMOKE_TEST set (path of scripts/smoke-test.mjs): smoke-test the service afterwards with the
# token of the secret version the revision runs with. Needs gcloud (authenticated), jq, node.
set -euo pipefail

fail() {
  echo "::error::$*" >&2
  exit 1
}

for variable in SERVICE PROJECT REGION; do
  [ -n "${!variable:-}" ] || fail "$variable is not set"
done
[[ "$SERVICE" =~ ^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$ ]] || fail "SERVICE '$SERVICE' is not a valid Cloud Run service name"
REVISION="${REVISION:-}"
if [ -n "$REVISION" ]; then
  [[ "$REVISION" =~ ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || fail "REVISION '$REVISION' is not a valid revision name"
  [[ "$REVISION" == "$SERVICE"-* ]] || fail "revision '$REVISION' does not belong to service '$SERVICE'"
fi
where=(--project "$PROJECT" --region "$REGION")

state="$(gcloud run services describe "$SERVICE" "${where[@]}" --format=json)" || fail "cannot read service $SERVICE"
serving="$(jq -r '[.status.traffic // [] | .[] | select((.percent // 0) > 0) | .revisionName] | unique | join(",")' <<<"$state")"
echo "serving now: ${serving:-nothing}"

revisions="$(gcloud run revisions list --service "$SERVICE" "${where[@]}" --format=json)" || fail "cannot list revisions of $SERVICE"
if [ -z "$REVISION" ]; then
  current="${serving%%,*}"
  if [ -z "$current" ] || [[ "$serving" == *,* ]]; then
    fail "traffic is split (${serving:-nothing}): name the revision to roll back to"
  fi
  # Revisions sorted newest first; take the first ready one created before the current one.
  REVISION="$(jq -r --arg current "$current" '
      sort_by(.metadata.creationTimestamp) | reverse
      | (map(.metadata.name) | index($current)) as $i
      | if $i == null then empty else .[$i + 1:] end
      | map(select(any(.status.conditions[]?; .type == "Ready" and .status == "True")))
      | .[0].metadata.name // empty' <<<"$revisions")"
  [ -n "$REVISION" ] || fail "no ready revision older than $current: nothing to roll back to"
  echo "N-1 is $REVISION"
fi

ready="$(jq -r --arg name "$REVISION" 'map(select(.metadata.name == $name))
    | .[0] // {} | any(.status.conditions[]?; .type == "Ready" and .status == "True")' <<<"$revisions")"
[ "$ready" = "true" ] || fail "revision $REVISION does not exist in $SERVICE or is not ready"

gcloud run services update-traffic "$SERVICE" "${where[@]}" --to-revisions "$REVISION=100" --quiet
url="$(jq -r '.status.url // empty' <<<"$state")"
echo "traffic: $REVISION=100 at $url (was: ${serving:-nothing})"

if [ -n "${SMOKE_TEST:-}" ] && [ -n "$url" ]; then
  # Test with the token of the secret version that revision runs with.
  read -r secret_name secret_version < <(jq -r --arg name "$REVISION" 'map(select(.metadata.name == $name)) | .[0]
      | [.spec.containers[0].env[]? | select(.name == "MCP_AUTH_TOKEN") | .valueFrom.secretKeyRef | .name, .key] | join(" ")' <<<"$revisions")
  if [ -z "${secret_name:-}" ] || [ -z "${secret_version:-}" ]; then
    fail "rolled back to $REVISION, but cannot tell its MCP_AUTH_TOKEN secret to smoke-test it"
  fi
  MCP_AUTH_TOKEN="$(gcloud secrets versions access "$secret_version" --secret "$secret_name" --project "$PROJECT")" \
    || fail "rolled back to $REVISION, but cannot read secret $secret_name version $secret_version to smoke-test it"
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then echo "::add-mask::$MCP_AUTH_TOKEN"; fi
  export MCP_AUTH_TOKEN
  node "$SMOKE_TEST" "$url" || fail "rolled back to $REVISION, but its smoke test FAILED: investigate now"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "**$SERVICE** rolled back: \`$REVISION\` serves 100% (was \`${serving:-nothing}\`). The next deploy routes traffic to the new revision again." >>"$GITHUB_STEP_SUMMARY"
fi
