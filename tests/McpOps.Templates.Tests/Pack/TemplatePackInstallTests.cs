using System.Text.RegularExpressions;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Pack;

[Collection(SharedTemplatePackReaders.Name)]
public sealed partial class TemplatePackInstallTests(TemplatePack pack)
{
    [Fact]
    public void Install_reports_no_template_diagnostics()
    {
        Assert.Contains("Success:", pack.InstallOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(TemplateDiagnostic(), pack.InstallOutput);
    }

    [Theory]
    [InlineData("mcp-workspace", "MCP workspace", "MCP/Monorepo/DevOps")]
    [InlineData("mcp-module", "MCP server module", "MCP/Web/Server/DevOps")]
    public async Task List_shows_each_template_with_name_and_classifications(string shortName, string name, string tags)
    {
        var list = await pack.DotnetNewAsync(["list", shortName], RepositoryPaths.Root);

        list.EnsureSuccess();
        var row = list.StandardOutput.Split('\n').Single(line => line.Contains(shortName + " ", StringComparison.Ordinal));
        Assert.Contains(name, row, StringComparison.Ordinal);
        Assert.Contains("TypeScript", row, StringComparison.Ordinal);
        Assert.Contains(tags, row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mcp-workspace", new[] { "-s, --scope" })]
    [InlineData("mcp-module", new[] { "-s, --scope", "-p, --port", "-desc, --description", "-r, --railway-config", "toml", "2026-12-01" })]
    public async Task Help_explains_every_option_with_a_short_alias(string shortName, string[] expected)
    {
        var help = await pack.DotnetNewAsync([shortName, "--help"], RepositoryPaths.Root);

        help.EnsureSuccess();
        Assert.Contains("Description:", help.StandardOutput, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, help.StandardOutput, StringComparison.Ordinal);
        }
    }

    // MVxxx come from the template validator, CONFIGxxx from template.json loading.
    [GeneratedRegex(@"\b(MV\d{3}|CONFIG\d{4})\b")]
    private static partial Regex TemplateDiagnostic();
}
