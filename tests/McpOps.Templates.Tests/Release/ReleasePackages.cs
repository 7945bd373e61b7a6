using System.Runtime.InteropServices;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// Both packages packed as the release workflow packs them (Release, with the `-p:` properties of its
/// pack steps for each project), once per run, with their own artifacts folder so no other test's build
/// output is touched. McpOps.Cli is the tool's pointer package; <see cref="CliPlatforms"/> are the
/// packages it points to that can be packed here: McpOps.Cli.any, and this machine's native
/// McpOps.Cli.&lt;rid&gt; (release.yml packs each native package on a runner of its own platform).
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

    /// <summary>The artifacts folder (bin, obj, publish) of the packs.</summary>
    public string Build => _work.Combine("build");

    public async Task InitializeAsync()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        (await PackAsync(TemplatesProject, Feed, Build, workflow.PackProperties(TemplatesProject))).EnsureSuccess();
        var cli = workflow.PackProperties(CliProject);
        (await PackAsync(CliProject, Feed, Build, cli)).EnsureSuccess();
        (await PackAsync(CliProject, Feed, Build, ["-r", "any"], cli)).EnsureSuccess();
        if (workflow.NativeRids().Contains(RuntimeInformation.RuntimeIdentifier))
        {
            (await PackNativeAsync(Feed, Build, cli)).EnsureSuccess();
        }

        var version = ProductVersion.Value;
        Templates = PackedPackage.Open(Path.Combine(Feed, $"McpOps.Templates.{version}.nupkg"));
        Cli = PackedPackage.Open(Path.Combine(Feed, $"McpOps.Cli.{version}.nupkg"));
        CliPlatforms = Directory.GetFiles(Feed, $"McpOps.Cli.*.{version}.nupkg")
            .Select(PackedPackage.Open)
            .ToDictionary(p => p.Get("id")!["McpOps.Cli.".Length..], StringComparer.Ordinal);
    }

    /// <summary>McpOps.Cli's native package for this machine, as release.yml's pack-native packs it (native AOT).</summary>
    public static Task<ProcessResult> PackNativeAsync(string output, string artifacts, string[] properties) =>
        PackAsync(CliProject, output, artifacts, ["-r", RuntimeInformation.RuntimeIdentifier], properties);

    /// <summary>`dotnet pack` as release.yml runs it, with bin/obj under <paramref name="artifacts"/>.</summary>
    public static Task<ProcessResult> PackAsync(string project, string output, string artifacts, params string[] properties) =>
        PackAsync(project, output, artifacts, [], properties);

    /// <summary>`dotnet pack` as release.yml runs it with command-line <paramref name="options"/> (such as `-r any`).</summary>
    public static Task<ProcessResult> PackAsync(string project, string output, string artifacts, string[] options, string[] properties) =>
        ProcessRunner.RunAsync(
            "dotnet",
            ["pack", project, "-c", "Release", "-o", output, "--artifacts-path", artifacts, "--nologo", .. options,
             "-p:ContinuousIntegrationBuild=true", .. properties.Select(p => "-p:" + p)],
            RepositoryPaths.Root,
            timeout: TimeSpan.FromMinutes(10));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _work.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedReleasePackages : ICollectionFixture<ReleasePackages>
{
    public const string Name = "release packages";
}
