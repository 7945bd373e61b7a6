using System.Text.RegularExpressions;
using McpOps.Templates.Tests.Ci;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// Before McpOps is on nuget.org, a generated workspace gets mcpops as its README says: a
/// McpOps.Cli package built from this repository in .config/mcpops-feed. The generated CI's restore
/// step, run with bash as GitHub runs it, restores the pinned version from there (so the pin and
/// the package agree), and without the folder fails with a message that says what to do.
/// No package source but that folder is configured: nothing comes from a registry.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class ToolFromSourceTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-tool-source");

    [Fact]
    public async Task The_ci_restore_step_uses_the_packed_tool_and_says_what_to_do_without_it()
    {
        NuGetConfig.WriteOnly(_temp.Combine("nuget.config"));
        (await pack.NewAsync(_temp.Path, "mcp-workspace", "-n", "acme")).EnsureSuccess();
        var root = _temp.Combine("acme");
        (await pack.NewAsync(root, "devops-ci")).EnsureSuccess();
        var step = _temp.Combine("restore-step.sh");
        File.WriteAllText(step, await RestoreStepAsync(Path.Combine(root, ".github", "workflows", "ci.yml")));
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _temp.Combine("packages"),
            ["DOTNET_CLI_HOME"] = _temp.Combine("cli-home"),
        };
        // GitHub runs a `run:` block as `bash --noprofile --norc -eo pipefail <file>`.
        Task<ProcessResult> RunStep() => ProcessRunner.RunAsync("bash", ["--noprofile", "--norc", "-eo", "pipefail", step], root, environment);

        var missing = await RunStep();

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("::error title=mcpops not restored::McpOps.Cli at the version in .config/dotnet-tools.json is neither on nuget.org nor in .config/mcpops-feed/", missing.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("dotnet pack src/McpOps.Cli/McpOps.Cli.csproj -o .config/mcpops-feed", missing.StandardOutput, StringComparison.Ordinal);

        // What the workspace README tells a team to do until the first release.
        (await ReleasePackages.PackAsync(ReleasePackages.CliProject, Path.Combine(root, ".config", "mcpops-feed"), _temp.Combine("build"))).EnsureSuccess();

        var restored = await RunStep();

        Assert.True(restored.ExitCode == 0, restored.Output);
        var version = (await ProcessRunner.RunAsync("dotnet", ["mcpops", "--version"], root, environment)).EnsureSuccess();
        // The informational version: the one version, then "+<commit>" when built from a git checkout.
        Assert.Matches($"^{Regex.Escape(ProductVersion.Value)}(\\+[0-9a-f]{{40}})?$", version.StandardOutput.Trim());
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<string> RestoreStepAsync(string ciWorkflow)
    {
        var ci = await WorkflowTools.YamlAsJsonAsync(ciWorkflow);
        var step = ci.GetProperty("jobs").GetProperty("sync").GetProperty("steps").EnumerateArray()
            .Single(s => s.TryGetProperty("name", out var name) && name.GetString()!.StartsWith("Restore the mcpops tool", StringComparison.Ordinal));
        return step.GetProperty("run").GetString()!;
    }
}
