using McpOps.Cli.Check;
using McpOps.Templates.Tests.Infrastructure;
using static McpOps.Cli.Tests.Check.CheckWorkspace;

namespace McpOps.Cli.Tests.Check;

/// <summary>Suppressions need a reason; what they suppress stays in the report, marked as suppressed.</summary>
[Collection(SharedTemplatePack.Name)]
public sealed class SuppressionTests(TemplatePack pack)
{
    private const string Toml = "modules/inventory/mcp/railway.toml";
    private const string Dockerfile = "modules/billing/mcp/Dockerfile";

    [Fact]
    public async Task An_inline_comment_with_a_reason_suppresses_the_next_line_only()
    {
        var files = await FilesAsync(pack);
        files[Dockerfile] = files[Dockerfile].Replace("USER 65532:65532\n", "# mcpops-check-disable-next-line DOCKER001: the base image drops to 10001 in its entrypoint\nUSER root\n");
        files[Toml] = "[deploy]\nhealthcheckPath = \"/health\"\n";

        var report = RunCheck(files);

        var suppressed = Assert.Single(report.Suppressed);
        Assert.Equal(("DOCKER001", LineOf(files[Dockerfile], "USER root")), (suppressed.Rule.Id, suppressed.Line));
        Assert.Equal(SuppressionKind.Inline, suppressed.Suppression!.Kind);
        Assert.Equal("the base image drops to 10001 in its entrypoint", suppressed.Suppression.Reason);
        var active = Assert.Single(report.Active);
        Assert.Equal(("RAILWAY002", Toml, 1), (active.Rule.Id, active.Path, active.Line));
    }

    [Fact]
    public async Task A_config_entry_with_a_reason_suppresses_by_rule_and_path_glob()
    {
        var files = await FilesAsync(pack);
        files[Toml] = "[deploy]\nhealthcheckPath = \"/health\"\n";
        files["mcpops.check.json"] = """
            {
              "suppress": [
                { "rule": "RAILWAY002", "path": "modules/*/mcp/railway.toml", "reason": "migrating inventory in PLAT-12 before 2026-11" }
              ]
            }
            """;

        var report = RunCheck(files);

        Assert.Empty(report.Active);
        var suppressed = Assert.Single(report.Suppressed);
        Assert.Equal((SuppressionKind.Config, "mcpops.check.json", 3), (suppressed.Suppression!.Kind, suppressed.Suppression.Path, suppressed.Suppression.Line));
        Assert.True(report.Clean);
    }

    [Fact]
    public async Task A_suppression_without_a_reason_is_itself_a_finding_and_suppresses_nothing()
    {
        var files = await FilesAsync(pack);
        files[Toml] = "# mcpops-check-disable-next-line RAILWAY002\n[deploy]\nhealthcheckPath = \"/health\"\n";
        files["mcpops.check.json"] = "{\n  \"suppress\": [\n    { \"rule\": \"RAILWAY002\", \"path\": \"modules/inventory/**\", \"reason\": \"  \" }\n  ]\n}\n";

        var report = RunCheck(files);

        Assert.Equal(
            [("SUPPRESS001", "mcpops.check.json", 3), ("SUPPRESS001", Toml, 1), ("RAILWAY002", Toml, 2)],
            report.Findings.Select(f => (f.Rule.Id, f.Path, f.Line)));
        Assert.Empty(report.Suppressed);
    }

    [Fact]
    public async Task A_suppression_of_an_unknown_rule_is_a_finding()
    {
        var files = await FilesAsync(pack);
        files["mcpops.check.json"] = "{ \"suppress\": [ { \"rule\": \"DOCKER999\", \"reason\": \"typo\" } ] }\n";

        var report = RunCheck(files);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("SUPPRESS002", "mcpops.check.json", 1), (finding.Rule.Id, finding.Path, finding.Line));
        Assert.Contains("DOCKER999", finding.Message);
    }

    [Fact]
    public async Task Module_filter_keeps_only_that_modules_findings()
    {
        var files = await FilesAsync(pack);
        files[Dockerfile] = files[Dockerfile].Replace("USER 65532:65532", "USER root");
        files[Toml] = "[deploy]\nhealthcheckPath = \"/health\"\n";

        Assert.Equal(["DOCKER001"], RunCheck(files, "billing").Findings.Select(f => f.Rule.Id));
        Assert.Equal(["RAILWAY002"], RunCheck(files, "inventory").Findings.Select(f => f.Rule.Id));
        Assert.Empty(RunCheck(files, "ledger").Findings);
        Assert.Equal(2, RunCheck(files).Findings.Count);
    }
}
