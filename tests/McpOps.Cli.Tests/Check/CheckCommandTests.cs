using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiffPlex.Renderer;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Check;

/// <summary>`mcpops check` end to end, in-process, on a copy of the generated workspace on disk.</summary>
[Collection(SharedTemplatePack.Name)]
public sealed partial class CheckCommandTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-check");

    [Fact]
    public async Task A_fresh_workspace_passes_in_every_format()
    {
        var root = await CheckWorkspace.CopyAsync(pack, _temp);
        var changes = TreeChanges.Record(root);

        var text = CliRun.In(root, "check");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal("mcpops check: no findings (3 module(s), 41 rules).\n", text.Output);
        Assert.DoesNotContain('\u001b', text.Output);

        var json = CliRun.In(Path.Combine(root, "modules", "billing"), "check", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.True((bool)JsonNode.Parse(json.Output)!["summary"]!["clean"]!);

        var sarif = CliRun.In(root, "check", "--format", "sarif");
        Assert.Equal(0, sarif.ExitCode);
        Assert.Empty(JsonNode.Parse(sarif.Output)!["runs"]![0]!["results"]!.AsArray());
        Assert.Empty(changes.Since());
    }

    [Fact]
    public async Task Findings_exit_1_with_a_table_and_the_fix()
    {
        var root = await Broken();

        var result = CliRun.In(root, "check");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Matches(@"^RULE\s+LEVEL\s+LOCATION\s+MESSAGE$", lines[0]);
        Assert.Matches(@"^DOCKER001\s+error\s+modules/billing/mcp/Dockerfile:\d+\s+USER root: the final stage runs as root\.$", lines[1]);
        Assert.Contains("fix: Add `USER 10001:10001`", result.Output);
        Assert.Contains("Suppressed:", result.Output);
        Assert.Contains("reason (mcpops.check.json:3): migrating inventory in PLAT-12", result.Output);
        Assert.EndsWith("mcpops check: 1 finding(s) (3 module(s), 1 suppressed).\n", result.Output);
    }

    [Fact]
    public async Task Json_output_matches_the_approved_golden_file()
    {
        var root = await Broken();

        var result = CliRun.In(root, "check", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Error);
        Approve("check.json", result.Output);
    }

    [Fact]
    public async Task Sarif_output_passes_the_sarif_multitool_validator()
    {
        var root = await Broken();
        var result = CliRun.In(root, "check", "--format", "sarif");
        Assert.Equal(1, result.ExitCode);

        var sarif = JsonNode.Parse(result.Output)!;
        Assert.Equal("2.1.0", (string)sarif["version"]!);
        var run = sarif["runs"]![0]!;
        var results = run["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        var suppressed = results.Single(r => r!["suppressions"] is not null)!;
        Assert.Equal("external", (string)suppressed["suppressions"]![0]!["kind"]!);
        Assert.StartsWith("migrating inventory", (string)suppressed["suppressions"]![0]!["justification"]!);
        var location = results.Single(r => (string)r!["ruleId"]! == "DOCKER001")!["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("modules/billing/mcp/Dockerfile", (string)location["artifactLocation"]!["uri"]!);
        Assert.True((int)location["region"]!["startLine"]! > 1);

        // The real validator (npm @microsoft/sarif-multitool, installed by .ci/run from
        // tests/validators/sarif). It exits 0 even on errors: its output is the verdict.
        var validators = Path.Combine(RepositoryPaths.Root, "tests", "validators", "sarif");
        var tool = Path.Combine(validators, "node_modules", ".bin", "sarif-multitool");
        Assert.True(File.Exists(tool), $"{tool} is missing: run `npm ci --prefix tests/validators/sarif` (.ci/run does).");
        var file = _temp.Combine("check.sarif");
        File.WriteAllText(file, result.Output);
        var validation = await ProcessRunner.RunAsync(tool, ["validate", file, "--output", _temp.Combine("validation.sarif")], validators);
        Assert.Contains("Analysis completed successfully", validation.Output);
        var problems = ProblemLine().Matches(validation.Output).Select(m => m.Value)
            // SARIF2005 asks for a tool informationUri: mcpops has no public page to point at.
            .Where(line => !line.Contains("SARIF2005", StringComparison.Ordinal))
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems) + "\n" + validation.Output);
    }

    [Theory]
    [InlineData("check --format xml", "xml")]
    [InlineData("check --bogus", "Unrecognized command or argument '--bogus'")]
    public void Usage_errors_exit_2(string commandLine, string expected)
    {
        var result = CliRun.In(_temp.Path, commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task An_unknown_module_exits_2_and_lists_the_modules()
    {
        var root = await CheckWorkspace.CopyAsync(pack, _temp);

        var result = CliRun.In(root, "check", "--module", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no module named 'nope'", result.Error);
        Assert.Contains("Modules: billing, inventory, ledger.", result.Error);
        Assert.DoesNotContain("nothing was changed", result.Error); // check never writes
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData(".github/workflows/ci.yml", "on: [push\njobs: {}\n", ".github/workflows/ci.yml:", "invalid YAML")]
    [InlineData("mcpops.check.json", "{ \"suppress\": [ { \"rule\": \"RAILWAY002\", } ] }\n", "mcpops.check.json:1:", "invalid JSON")]
    [InlineData("mcpops.check.json", "{ \"suppress\": [ { \"rule\": \"RAILWAY002\", \"reasons\": \"x\" } ] }\n", "mcpops.check.json:1: unknown property \"reasons\"", "")]
    [InlineData("modules/billing/mcp/package.json", "{ \"name\": ", "modules/billing/mcp/package.json:1:", "invalid JSON")]
    [InlineData("modules/billing/mcp/deploy/compose.yaml", "services:\n  billing:\n    image: [x\n", "modules/billing/mcp/deploy/compose.yaml:", "invalid YAML")]
    public async Task A_malformed_file_exits_2_naming_the_file_without_a_stack_trace(string path, string content, string expected, string reason)
    {
        var root = await CheckWorkspace.CopyAsync(pack, _temp);
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);

        var result = CliRun.In(root, "check");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("mcpops: error: " + expected, result.Error);
        Assert.Contains(reason, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task In_a_git_checkout_only_files_git_would_commit_are_checked()
    {
        var root = await CheckWorkspace.CopyAsync(pack, _temp);
        (await ProcessRunner.RunAsync("git", ["init", "-q"], root)).EnsureSuccess();
        // .env is git-ignored by the workspace's .gitignore: a developer's local file, not a finding.
        File.WriteAllText(Path.Combine(root, ".env"), "LOG_LEVEL=debug\n");
        Assert.Equal(0, CliRun.In(root, "check").ExitCode);

        // Forced into the index, it is committed: now it is one.
        (await ProcessRunner.RunAsync("git", ["add", "-f", ".env"], root)).EnsureSuccess();
        var result = CliRun.In(root, "check");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"REPO001\s+error\s+\.env:1", result.Output);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A copy with one finding (USER root) and one suppressed (inventory's railway.toml, accepted in the config).</summary>
    private async Task<string> Broken()
    {
        var root = await CheckWorkspace.CopyAsync(pack, _temp);
        var dockerfile = Path.Combine(root, "modules", "billing", "mcp", "Dockerfile");
        File.WriteAllText(dockerfile, File.ReadAllText(dockerfile).Replace("USER 65532:65532", "USER root"));
        File.WriteAllText(Path.Combine(root, "modules", "inventory", "mcp", "railway.toml"), "# legacy service settings\n[deploy]\nhealthcheckPath = \"/health\"\n");
        File.WriteAllText(Path.Combine(root, "mcpops.check.json"), """
            {
              "suppress": [
                { "rule": "RAILWAY002", "path": "modules/inventory/mcp/railway.toml", "reason": "migrating inventory in PLAT-12 before 2026-11" }
              ]
            }
            """);
        return root;
    }

    private static void Approve(string name, string actual)
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "McpOps.Cli.Tests", "Check", "golden", name);
        if (Environment.GetEnvironmentVariable(DirectorySnapshot.AcceptVariable) == "1")
        {
            File.WriteAllText(golden, actual);
            return;
        }

        var approved = File.Exists(golden) ? File.ReadAllText(golden) : "";
        if (approved != actual)
        {
            Assert.Fail($"{name} differs from {golden}:\n{UnidiffRenderer.GenerateUnidiff(approved, actual, "approved", "actual", false, false, 2)}\nIf intended, run with {DirectorySnapshot.AcceptVariable}=1 and review the diff in git.");
        }
    }

    [GeneratedRegex(@"^.*: (error|warning) [A-Z]+[0-9]+:.*$", RegexOptions.Multiline)]
    private static partial Regex ProblemLine();
}
