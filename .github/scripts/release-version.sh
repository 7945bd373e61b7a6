#!/usr/bin/env bash
# The release gate: a tag may only publish the one version of McpOps.
#   bash .github/scripts/release-version.sh <tag>        e.g. v0.1.0
# Passes (printing version=<version>, also to $GITHUB_OUTPUT when set) only if
#   - McpOps.Templates and McpOps.Cli evaluate to the same version (Directory.Build.props VersionPrefix),
#   - the tag is exactly v<that version>,
#   - on GitHub Actions, the packages' RepositoryUrl is the repository the workflow runs in.
# Otherwise prints what to change and exits 1. Runs from any folder; reads nothing but MSBuild evaluation.
set -euo pipefail

fail() {
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
    echo "::error title=Release refused::$*"
  fi
  echo "error: $*" >&2
  exit 1
}

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  fail "usage: release-version.sh <tag>, for example v0.1.0"
fi
tag="$1"
cd "$(dirname "$0")/../.."

property() {
  dotnet msbuild "$1" -nologo -getProperty:"$2"
}

templates="$(property TemplatePack.csproj Version)"
cli="$(property src/McpOps.Cli/McpOps.Cli.csproj Version)"
[ -n "$templates" ] || fail "McpOps.Templates has no version: set VersionPrefix in Directory.Build.props"
[ "$templates" = "$cli" ] ||
  fail "McpOps.Templates is $templates but McpOps.Cli is $cli: both take VersionPrefix from Directory.Build.props; remove the version set anywhere else"
[ "$tag" = "v$templates" ] ||
  fail "tag $tag does not match version $templates (Directory.Build.props VersionPrefix): tag the commit v$templates, or commit VersionPrefix ${tag#v} and tag that commit"

if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
  expected="${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}"
  actual="$(property TemplatePack.csproj RepositoryUrl)"
  [ "${actual,,}" = "${expected,,}" ] ||
    fail "the packages name $actual as their repository but this is $expected: set RepositoryUrl in Directory.Build.props"
fi

echo "version=$templates"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "version=$templates" >> "$GITHUB_OUTPUT"
fi
