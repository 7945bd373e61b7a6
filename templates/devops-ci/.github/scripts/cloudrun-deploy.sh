#!/usr/bin/env bash
# Deploys one module's image to Cloud Run as a tagged revision without traffic, smoke-tests
# the tagged URL, then moves all traffic to it. If anything fails after the deploy, the
# traffic split that served before (revision N-1) is restored and the script exits 1.
#
# Inputs, all from the environment (the workflow passes them through env:, never inline):
#   SERVICE          Cloud Run service name (the module name)
#   PROJECT, REGION  Google Cloud project id and region
#   IMAGE            image reference BY DIGEST: <repository>@sha256:<64 hex>
#   RUNTIME_SERVICE_ACCOUNT  the service's own, dedicated service account (email)
#   SECRET_NAME      Secret Manager secret holding MCP_AUTH_TOKEN
#   SECRET_VERSION   its pinned version number (never "latest")
#   REVISION_TAG     tag for the new revision's own URL, e.g. sha-0123abc
#   SMOKE_TEST       path of the smoke test (default scripts/smoke-test.mjs)
# Needs gcloud (authenticated), jq and node.
set -euo pipefail

fail() {
  echo "::error::$*" >&2
  exit 1
}

for variable in SERVICE PROJECT REGION IMAGE RUNTIME_SERVICE_ACCOUNT SECRET_NAME SECRET_VERSION REVISION_TAG; do
  [ -n "${!variable:-}" ] || fail "$variable is not set"
done
SMOKE_TEST="${SMOKE_TEST:-scripts/smoke-test.mjs}"

[[ "$SERVICE" =~ ^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$ ]] || fail "SERVICE '$SERVICE' is not a valid Cloud Run service name"
[[ "$IMAGE" =~ ^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$ ]] || fail "IMAGE must be a reference by digest (<repository>@sha256:<digest>), got '$IMAGE'"
[[ "$SECRET_VERSION" =~ ^[1-9][0-9]*$ ]] || fail "SECRET_VERSION for $SERVICE must be a pinned version number, got '$SECRET_VERSION' (never 'latest')"
[[ "$REVISION_TAG" =~ ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || fail "REVISION_TAG '$REVISION_TAG' is not a valid Cloud Run tag"
[[ "$RUNTIME_SERVICE_ACCOUNT" =~ ^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.iam\.gserviceaccount\.com$ ]] || fail "RUNTIME_SERVICE_ACCOUNT '$RUNTIME_SERVICE_ACCOUNT' is not a service account email"
[ -f "$SMOKE_TEST" ] || fail "smoke test $SMOKE_TEST not found"

where=(--project "$PROJECT" --region "$REGION")

describe() {
  gcloud run services describe "$SERVICE" "${where[@]}" --format=json
}

summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then echo "$*" >>"$GITHUB_STEP_SUMMARY"; fi
}

# --- N-1: what serves now ------------------------------------------------------------------
previous_traffic=""
if state="$(describe 2>/dev/null)"; then
  # Sum the percentages per revision ("latest" and tagged entries can name the same one).
  previous_traffic="$(jq -r '[.status.traffic // [] | .[] | select((.percent // 0) > 0)]
      | group_by(.revisionName) | map("\(.[0].revisionName)=\(map(.percent) | add)") | join(",")' <<<"$state")"
  [ -n "$previous_traffic" ] || fail "service $SERVICE exists but serves no revision; fix its traffic by hand first"
  echo "serving now (N-1): $previous_traffic"
else
  echo "service $SERVICE does not exist yet: first deploy"
fi

rollback() {
  local reason="$1"
  echo "::error::$reason"
  if [ -n "$previous_traffic" ]; then
    echo "rolling back: traffic to $previous_traffic"
    gcloud run services update-traffic "$SERVICE" "${where[@]}" --to-revisions "$previous_traffic" --quiet \
      || echo "::error::ROLLBACK FAILED: restore traffic by hand: gcloud run services update-traffic $SERVICE --region $REGION --to-revisions $previous_traffic"
    gcloud run services update-traffic "$SERVICE" "${where[@]}" --remove-tags "$REVISION_TAG" --quiet \
      || echo "::warning::could not remove tag $REVISION_TAG"
    summary "**$SERVICE**: deploy failed ($reason); traffic rolled back to \`$previous_traffic\`."
  else
    summary "**$SERVICE**: first deploy failed ($reason); there is no previous revision to roll back to."
  fi
  exit 1
}

# --- deploy the new revision: no traffic, its own tagged URL ----------------------------------
deploy=(
  gcloud run deploy "$SERVICE" "${where[@]}"
  --image "$IMAGE"
  --service-account "$RUNTIME_SERVICE_ACCOUNT"
  --min-instances=1
  --no-cpu-throttling
  --set-secrets "MCP_AUTH_TOKEN=${SECRET_NAME}:${SECRET_VERSION}"
  --set-env-vars "LOG_LEVEL=info"
  --tag "$REVISION_TAG"
  --quiet
)
if [ -n "$previous_traffic" ]; then
  deploy+=(--no-traffic)
else
  # Cloud Run refuses --no-traffic when it creates a service; MCP clients authenticate with
  # the bearer token, so the service itself admits unauthenticated HTTP.
  deploy+=(--allow-unauthenticated)
fi
"${deploy[@]}" || rollback "gcloud run deploy failed"

state="$(describe)" || rollback "cannot describe $SERVICE after the deploy"
new_revision="$(jq -r '.status.latestCreatedRevisionName // empty' <<<"$state")"
ready_revision="$(jq -r '.status.latestReadyRevisionName // empty' <<<"$state")"
tag_url="$(jq -r --arg tag "$REVISION_TAG" '.status.traffic // [] | map(select(.tag == $tag)) | .[0].url // empty' <<<"$state")"
service_url="$(jq -r '.status.url // empty' <<<"$state")"
if [ -z "$new_revision" ] || [ "$new_revision" != "$ready_revision" ]; then
  rollback "revision ${new_revision:-?} is not ready (latest ready: ${ready_revision:-none})"
fi
[ -n "$tag_url" ] || rollback "no URL for tag $REVISION_TAG"
echo "new revision: $new_revision at $tag_url"

# --- smoke test the tagged URL with the token of the pinned secret version -------------------
MCP_AUTH_TOKEN="$(gcloud secrets versions access "$SECRET_VERSION" --secret "$SECRET_NAME" --project "$PROJECT")" \
  || rollback "cannot read secret $SECRET_NAME version $SECRET_VERSION (the deployer needs roles/secretmanager.secretAccessor on it)"
if [ "${GITHUB_ACTIONS:-}" = "true" ]; then echo "::add-mask::$MCP_AUTH_TOKEN"; fi
export MCP_AUTH_TOKEN

node "$SMOKE_TEST" "$tag_url" || rollback "smoke test failed on $tag_url"

# --- move traffic, test the service URL ------------------------------------------------------
gcloud run services update-traffic "$SERVICE" "${where[@]}" --to-latest --quiet \
  || rollback "moving traffic to $new_revision failed"
node "$SMOKE_TEST" "$service_url" || rollback "smoke test failed on $service_url after moving traffic"
gcloud run services update-traffic "$SERVICE" "${where[@]}" --remove-tags "$REVISION_TAG" --quiet \
  || echo "::warning::could not remove tag $REVISION_TAG (harmless)"

echo "deployed $new_revision; previous traffic was ${previous_traffic:-none}"
summary "**$SERVICE**: \`$new_revision\` serves 100% (image \`$IMAGE\`). Previous: \`${previous_traffic:-none}\`."
summary "Roll back: run the *Roll back Cloud Run* workflow with service \`$SERVICE\` and the previous revision."
