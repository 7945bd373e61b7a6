using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// Both packages packed as the release workflow packs them (Release, ContinuousIntegrationBuild),
/// once per run, with their own artifacts folder so no other test's build output is touched.
/// </summary>
public sealed class ReleasePackages : IAsyncLifetime, IDisposable
{
    public static readonly string CliProject = Path.Combine(RepositoryPaths.Root, "src", "McpOps.Cli", "McpOps.Cli.csproj");
    public static readonly string TemplatesProject = Path.Combine(RepositoryPaths.Root, "TemplatePack.csproj");

    private readonly TempDirectory _work = new("mcpops-release");

    public PackedPackage Templates { get; private set; } = null!;

    public PackedPackage Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var feed = _work.Combine("feed");
        foreach (var project in new[] { TemplatesProject, CliProject })
        {
            (await PackAsync(project, feed, _work.Combine("build"))).EnsureSuccess();
        }

        Templates = PackedPackage.Open(Directory.GetFiles(feed, "McpOps.Templates.*.nupkg").Single());
        Cli = PackedPackage.Open(Directory.GetFiles(feed, "McpOps.Cli.*.nupkg").Single());
    }

    /// <summary>`dotnet pack` as release.yml runs it, with bin/obj under <paramref name="artifacts"/>.</summary>
    public static Task<ProcessResult> PackAsync(string project, string output, string artifacts, params string[] properties) =>
        ProcessRunner.RunAsync(
            "dotnet",
            ["pack", project, "-c", "Release", "-o", output, "--artifacts-path", artifacts, "--nologo",
             "-p:ContinuousIntegrationBuild=true", .. properties.Select(p => "-p:" + p)],
            RepositoryPaths.Root,
            timeout: TimeSpan.FromMinutes(5));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _work.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedReleasePackages : ICollectionFixture<ReleasePackages>
{
    public const string Name = "release packages";
}
