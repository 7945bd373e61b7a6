namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// The template pack built from this repository once per test run (process) and installed into a fresh,
/// absolute template hive per collection fixture, so tests never see templates installed on the machine.
/// The pack is shared: the collections that use it (<see cref="SharedTemplatePack"/>,
/// <see cref="SharedTemplatePackReaders"/>) run side by side, each with its own hive.
/// </summary>
public sealed class TemplatePack : IAsyncLifetime, IDisposable
{
    private static readonly Lazy<Task<string>> Packed = new(PackAsync);
    private static readonly TempDirectory PackWork = new("mcpops-pack-build");

    private readonly TempDirectory _work = new("mcpops-pack");

    static TemplatePack() => AppDomain.CurrentDomain.ProcessExit += (_, _) => PackWork.Dispose();

    public string HivePath => _work.Combine("hive");

    public string PackagePath { get; private set; } = "";

    public string InstallOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        PackagePath = await Packed.Value;

        var install = await DotnetNewAsync(["install", PackagePath], _work.Path);
        install.EnsureSuccess();
        InstallOutput = install.Output;
        // `dotnet new install` exits 0 even when a template failed to load: its output is the truth.
        if (!InstallOutput.Contains("Success:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Template pack did not install:\n" + InstallOutput);
        }
    }

    /// <summary>
    /// Packs TemplatePack.csproj with its own bin/obj (--artifacts-path): another test process packing the
    /// same project at the same time (tests/run runs two test projects side by side) cannot collide with it.
    /// </summary>
    private static async Task<string> PackAsync()
    {
        var packOutput = PackWork.Combine("nupkg");
        var pack = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryPaths.Root, "TemplatePack.csproj"), "-o", packOutput, "--artifacts-path", PackWork.Combine("build"), "--nologo"],
            RepositoryPaths.Root);
        pack.EnsureSuccess();
        return Directory.GetFiles(packOutput, "McpOps.Templates.*.nupkg").Single();
    }

    /// <summary>
    /// Runs `dotnet new ...` against this pack's hive with stdin closed, so it can never prompt.
    /// (`--allow-scripts no` is only accepted by templates that have script post-actions; ours have none.)
    /// </summary>
    public Task<ProcessResult> NewAsync(string workingDirectory, params string[] arguments) =>
        DotnetNewAsync([.. arguments, "--no-update-check"], workingDirectory);

    public Task<ProcessResult> DotnetNewAsync(IEnumerable<string> arguments, string workingDirectory) =>
        ProcessRunner.RunAsync("dotnet", ["new", .. arguments, "--debug:custom-hive", HivePath], workingDirectory);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _work.Dispose();
}

/// <summary>
/// Tests that share the generated end-to-end workspaces (GeneratedWorkspace, MixedWorkspace) or images built
/// from them: one chain, since those workspaces are shared state.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedTemplatePack : ICollectionFixture<TemplatePack>
{
    public const string Name = "template pack";
}

/// <summary>
/// Tests that generate their own template output (or copy it from GeneratedTreeCache) and mostly read and
/// validate it, touching no shared workspace: a collection of their own, so xunit runs them beside
/// <see cref="SharedTemplatePack"/>'s, on the same pack.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedTemplatePackReaders : ICollectionFixture<TemplatePack>
{
    public const string Name = "template pack, readers";
}
