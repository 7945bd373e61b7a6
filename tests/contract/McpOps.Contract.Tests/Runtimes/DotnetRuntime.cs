using System.Diagnostics;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>modules/_shared/mcp-core-dotnet, through tests/contract/hosts/dotnet (built with this project).</summary>
public sealed class DotnetRuntime : RuntimeAdapter
{
    public override string Name => "dotnet";

    public override Task EnsureBuiltAsync() => File.Exists(RepositoryLayout.DotnetHost)
        ? Task.CompletedTask
        : throw new InvalidOperationException($"{RepositoryLayout.DotnetHost} is missing: build tests/contract/McpOps.Contract.Tests.");

    public override ProcessStartInfo CreateStartInfo() =>
        new("dotnet", [RepositoryLayout.DotnetHost]) { WorkingDirectory = Path.GetDirectoryName(RepositoryLayout.DotnetHost)! };
}
