using McpOps.Cli.Pins;

namespace McpOps.Cli.Tests.Pins;

/// <summary>What PIN001 calls older than the embedded manifest, and what it leaves alone.</summary>
public sealed class PinAgeTests
{
    private static readonly PinsManifest Manifest = PinsManifest.Embedded;

    [Theory]
    [InlineData("FROM node:22.23.3-bookworm-slim AS build", true)] // older line
    [InlineData("FROM node:26.12.0-trixie-slim AS build", true)] // older patch
    [InlineData("FROM node:26.12.1-bookworm-slim AS build", true)] // same Node.js, older Debian
    [InlineData("FROM gcr.io/distroless/nodejs24-debian13:nonroot", true)] // older distroless line
    [InlineData("FROM gcr.io/distroless/nodejs26-debian12:nonroot", true)] // older Debian of the line
    [InlineData("FROM node:26.12.1-trixie-slim AS build", false)] // the pin itself
    [InlineData("FROM node:26.13.0-trixie-slim AS build", false)] // newer: the team's choice
    [InlineData("FROM gcr.io/distroless/nodejs26-debian13:nonroot", false)]
    [InlineData("FROM gcr.io/distroless/nodejs28-debian13:nonroot", false)]
    [InlineData("FROM node:lts-slim AS build", false)] // floating: cannot be ordered
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:10.0.11-noble-chiseled", true)]
    [InlineData("FROM nginx:1.0.0", false)] // not a pin of the pack
    public void Dockerfile_bases(string from, bool older)
    {
        var found = Assert.Single(PinScanner.Scan("modules/a/mcp/Dockerfile", from + "\n"));
        var pinned = PinAge.Counterpart(Manifest, found);
        Assert.Equal(older, pinned is not null && PinAge.IsOlder(found, pinned));
    }

    [Fact]
    public void Arg_defaults_stage_names_and_scratch_are_resolved_before_comparing()
    {
        const string Dockerfile = "ARG NODE_VERSION=24.22.3\nFROM node:${NODE_VERSION}-trixie-slim AS build\nFROM scratch AS map\nFROM build AS test\n";
        var found = Assert.Single(PinScanner.Scan("Dockerfile", Dockerfile));
        Assert.Equal(("node", "24.22.3-trixie-slim", 2), (found.Name, found.Version, found.Line));
        Assert.True(PinAge.IsOlder(found, PinAge.Counterpart(Manifest, found)!));
    }

    [Fact]
    public void Workflow_actions_tools_and_package_ranges_are_compared_by_their_numbers()
    {
        const string Workflow = "env:\n  TRIVY_VERSION: v0.69.0\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@0123456789abcdef0123456789abcdef01234567 # v4.2.2\n      - uses: actions/setup-node@0123456789abcdef0123456789abcdef01234567 # v8.0.0\n";
        const string Package = "{ \"devDependencies\": { \"typescript\": \"~5.8.0\", \"esbuild\": \"^0.29.0\" }, \"engines\": { \"node\": \">=20\" } }";
        var older = PinScanner.Scan(".github/workflows/ci.yml", Workflow).Concat(PinScanner.Scan("package.json", Package))
            .Where(f => PinAge.Counterpart(Manifest, f) is { } p && PinAge.IsOlder(f, p))
            .Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["TRIVY_VERSION", "actions/checkout", "engines.node", "typescript"], older);
    }
}
