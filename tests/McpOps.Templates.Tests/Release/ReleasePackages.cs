using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// Both packages packed as the release workflow packs them (Release, with the `-p:` properties of its
/// pack step for each project), once per run, with their own artifacts folder so no other test's build
/// output is touched. McpOps.Cli is the tool's pointer package; <see cref="CliPlatforms"/> are the
/// packages it points to (McpOps.Cli.&lt;rid&gt;, one per platform, and McpOps.Cli.any).
/// </summary>
public sealed class ReleasePackages : IAsyncLifetime, IDisposable
{
    public static readonly string CliProject = Path.Combine(RepositoryPaths.Root, "src", "McpOps.Cli", "McpOps.Cli.csproj");
    public static readonly string TemplatesProject = Path.Combine(RepositoryPaths.Root, "TemplatePack.csproj");

    private readonly TempDirectory _work = new("mcpops-release");

    public string Feed => _work.Combine("feed");

    public PackedPackage Templates { get; private set; } = null!;

    public PackedPackage Cli { get; private set; } = null!;

    /// <summary>McpOps.Cli.&lt;rid&gt; by RID: every other McpOps.Cli.* package in <see cref="Feed"/>.</summary>
    public IReadOnlyDictionary<string, PackedPackage> CliPlatforms { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        foreach (var project in new[] { TemplatesProject, CliProject })
        {
            (await PackAsync(project, Feed, _work.Combine("build"), workflow.PackProperties(project))).EnsureSuccess();
        }

        var version = ProductVersion.Value;
        Templates = PackedPackage.Open(Path.Combine(Feed, $"McpOps.Templates.{version}.nupkg"));
        Cli = PackedPackage.Open(Path.Combine(Feed, $"McpOps.Cli.{version}.nupkg"));
        CliPlatforms = Directory.GetFiles(Feed, $"McpOps.Cli.*.{version}.nupkg")
            .Select(PackedPackage.Open)
            .ToDictionary(p => p.Get("id")!["McpOps.Cli.".Length..], StringComparer.Ordinal);
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
