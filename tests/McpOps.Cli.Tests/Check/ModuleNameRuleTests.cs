using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;
using static McpOps.Cli.Tests.Check.CheckWorkspace;

namespace McpOps.Cli.Tests.Check;

/// <summary>MODULE006: a module folder that breaks the name rule (made by hand) is named, with the name to use.</summary>
[Collection(SharedTemplatePack.Name)]
public sealed class ModuleNameRuleTests(TemplatePack pack)
{
    [Fact]
    public async Task A_module_folder_named_against_the_rule_is_reported_with_its_normalised_name()
    {
        var files = (await FilesAsync(pack)).ToDictionary(
            f => f.Key.Replace("modules/billing/", "modules/bill--ing/", StringComparison.Ordinal),
            f => f.Value.Replace("modules/billing/", "modules/bill--ing/", StringComparison.Ordinal)
                .Replace("\"name\": \"billing\"", "\"name\": \"bill--ing\"", StringComparison.Ordinal),
            StringComparer.Ordinal);

        var report = RunCheck(files);

        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "MODULE006");
        Assert.Equal("modules/bill--ing/mcp/package.json", finding.Path);
        Assert.Contains("rename it to 'bill-ing'", finding.Message);
        Assert.DoesNotContain(report.Findings, f => f.Rule.Id == "MODULE004");
    }
}
