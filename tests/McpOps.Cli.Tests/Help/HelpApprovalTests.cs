using DiffPlex.Renderer;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Help;

/// <summary>
/// The help of every command, approved as golden files in Help/golden/. System.CommandLine pads
/// wrapped lines with spaces; those are trimmed before comparing. To accept a change:
/// MCPOPS_ACCEPT_SNAPSHOTS=1, then review the diff in git.
/// </summary>
public sealed class HelpApprovalTests
{
    [Theory]
    [InlineData("mcpops", "--help")]
    [InlineData("mcpops-new", "new --help")]
    [InlineData("mcpops-add", "add --help")]
    [InlineData("mcpops-sync", "sync --help")]
    [InlineData("mcpops-remove", "remove --help")]
    [InlineData("mcpops-rename", "rename --help")]
    [InlineData("mcpops-list", "list -h")]
    [InlineData("mcpops-check", "check --help")]
    [InlineData("mcpops-upgrade", "upgrade --help")]
    [InlineData("mcpops-railway", "railway --help")]
    [InlineData("mcpops-railway-logs", "railway logs --help")]
    [InlineData("mcpops-railway-env", "railway env --help")]
    [InlineData("mcpops-railway-deployments", "railway deployments --help")]
    [InlineData("mcpops-railway-deploy", "railway deploy --help")]
    [InlineData("mcpops-registry", "registry --help")]
    [InlineData("mcpops-registry-add", "registry add --help")]
    [InlineData("mcpops-edge", "edge --help")]
    [InlineData("mcpops-edge-enable", "edge enable --help")]
    [InlineData("mcpops-supabase", "supabase --help")]
    [InlineData("mcpops-supabase-deploy", "supabase deploy --help")]
    public void Help_matches_the_approved_text(string name, string commandLine)
    {
        var result = CliRun.In(Path.GetTempPath(), commandLine.Split(' '));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Approve(name, result.Output);
    }

    [Fact]
    public void No_command_prints_the_help_on_stderr_and_exits_2()
    {
        var result = CliRun.In(Path.GetTempPath());
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(Normalise(CliRun.In(Path.GetTempPath(), "--help").Output), Normalise(result.Error));
    }

    private static void Approve(string name, string actual)
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "McpOps.Cli.Tests", "Help", "golden", name + ".txt");
        var text = Normalise(actual);
        if (Environment.GetEnvironmentVariable(DirectorySnapshot.AcceptVariable) == "1")
        {
            File.WriteAllText(golden, text);
            return;
        }

        var approved = File.Exists(golden) ? File.ReadAllText(golden) : "";
        if (approved != text)
        {
            Assert.Fail($"help of `{name}` differs from {golden}:\n{UnidiffRenderer.GenerateUnidiff(approved, text, "approved", "actual", false, false, 2)}\nIf intended, run with {DirectorySnapshot.AcceptVariable}=1 and review the diff in git.");
        }
    }

    private static string Normalise(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n') + "\n";
}
