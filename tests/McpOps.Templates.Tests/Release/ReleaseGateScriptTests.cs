using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// .github/scripts/release-version.sh run with bash as the release workflow runs it: the tag
/// v&lt;the one version&gt; passes and is written to $GITHUB_OUTPUT; any other tag, no tag, or packages
/// naming another repository than the one the workflow runs in exit 1 with the fix.
/// </summary>
public sealed class ReleaseGateScriptTests : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-release-gate");

    [Fact]
    public async Task The_tag_of_the_one_version_passes_and_becomes_the_job_output()
    {
        var output = _temp.Combine("github-output");
        var result = await GateAsync($"v{ProductVersion.Value}", new() { ["GITHUB_OUTPUT"] = output });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal($"version={ProductVersion.Value}\n", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("v9.9.9")]
    [InlineData("0.1.0")]
    [InlineData("v0.1.0-rc.1")]
    public async Task Another_tag_is_refused_with_the_fix(string tag)
    {
        var output = _temp.Combine("github-output");
        var result = await GateAsync(tag, new() { ["GITHUB_OUTPUT"] = output });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"tag {tag} does not match version {ProductVersion.Value} (Directory.Build.props VersionPrefix)", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"tag the commit v{ProductVersion.Value}", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "no version output for a refused tag");
    }

    [Fact]
    public async Task No_tag_is_a_usage_error()
    {
        var result = await ProcessRunner.RunAsync("bash", [Script], _temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("usage: release-version.sh <tag>", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_GitHub_Actions_the_packages_must_name_the_repository_being_released()
    {
        var actions = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_REPOSITORY"] = "someone/a-fork",
            ["GITHUB_OUTPUT"] = _temp.Combine("github-output"),
        };

        var fork = await GateAsync($"v{ProductVersion.Value}", actions);

        Assert.Equal(1, fork.ExitCode);
        Assert.Contains("::error title=Release refused::", fork.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("but this is https://github.com/someone/a-fork: set RepositoryUrl in Directory.Build.props", fork.StandardError, StringComparison.Ordinal);

        var repositoryUrl = (await ProcessRunner.RunAsync("dotnet", ["msbuild", "TemplatePack.csproj", "-nologo", "-getProperty:RepositoryUrl"], RepositoryPaths.Root)).EnsureSuccess().StandardOutput.Trim();
        actions["GITHUB_REPOSITORY"] = new Uri(repositoryUrl).AbsolutePath.Trim('/');
        var home = await GateAsync($"v{ProductVersion.Value}", actions);
        Assert.True(home.ExitCode == 0, home.Output);
    }

    public void Dispose() => _temp.Dispose();

    private static string Script => Path.Combine(RepositoryPaths.Root, ".github", "scripts", "release-version.sh");

    // Run from a foreign folder: the script finds the repository from its own path.
    private Task<ProcessResult> GateAsync(string tag, Dictionary<string, string> environment)
    {
        environment.TryAdd("GITHUB_ACTIONS", "false");
        return ProcessRunner.RunAsync("bash", [Script, tag], _temp.Path, environment);
    }
}
