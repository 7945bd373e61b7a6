namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// The template pack built from this repository once per test run and installed into a fresh,
/// absolute template hive, so tests never see templates installed on the machine.
/// </summary>
public sealed class TemplatePack : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _work = new("mcpops-pack");

    public string HivePath => _work.Combine("hive");

    public string PackagePath { get; private set; } = "";

    public string InstallOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var packOutput = _work.Combine("nupkg");
        var pack = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryPaths.Root, "TemplatePack.csproj"), "-o", packOutput, "--nologo"],
            RepositoryPaths.Root);
        pack.EnsureSuccess();

        PackagePath = Directory.GetFiles(packOutput, "McpOps.Templates.*.nupkg").Single();

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

[CollectionDefinition(Name)]
public sealed class SharedTemplatePack : ICollectionFixture<TemplatePack>
{
    public const string Name = "template pack";
}
