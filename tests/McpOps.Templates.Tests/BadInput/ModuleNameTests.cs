using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.BadInput;

/// <summary>
/// dotnet new cannot reject a name, so the template normalises every name into a lowercase DNS
/// label with the one rule mcpops applies (ModuleName.Normalise; mcpops add refuses a name that is not
/// already normalised, suggesting this one), and nothing can land outside modules/&lt;label&gt;/mcp/.
/// Each case runs in a real workspace nested in an outer folder, so a write next to or above the
/// workspace would show up as a change.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class ModuleNameTests(TemplatePack pack)
{
    [Theory]
    [InlineData("BillingService", "billing-service")]
    [InlineData("Bad Name", "bad-name")]
    [InlineData("billing service 2", "billing-service-2")]
    [InlineData("_billing", "billing")]
    [InlineData("..", "unnamed-module")]
    [InlineData("Billing.Api", "billing-api")]
    [InlineData("billing2", "billing2")]
    [InlineData("ABCService", "abc-service")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("x--y", "x-y")]
    [InlineData("xn--abc", "xn-abc")]
    [InlineData("9lives", "module-9lives")]
    [InlineData("Ünïcode", "n-code")]
    [InlineData("infra", "infra-module")]
    [InlineData("a-module-name-longer-than-twenty-six", "a-module-name-longer-than")]
    public async Task Name_is_normalised_and_writes_only_inside_its_module_folder(string name, string expectedFolder)
    {
        using var outer = new TempDirectory();
        var workspace = await CreateWorkspaceAsync(outer);
        var changes = TreeChanges.Record(outer.Path);

        (await pack.NewAsync(workspace, "mcp-module", "-n", name)).EnsureSuccess();

        var written = changes.Since();
        Assert.NotEmpty(written);
        Assert.All(written, path => Assert.StartsWith($"acme/modules/{expectedFolder}/mcp/", path, StringComparison.Ordinal));
        var package = File.ReadAllText(Path.Combine(workspace, "modules", expectedFolder, "mcp", "package.json"));
        Assert.Contains($"\"name\": \"@app/{expectedFolder}-mcp\"", package, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing/api")]
    [InlineData("../billing")]
    [InlineData("../../etc")]
    public async Task Name_with_a_path_separator_is_refused_and_nothing_is_written(string name)
    {
        using var outer = new TempDirectory();
        var workspace = await CreateWorkspaceAsync(outer);
        var changes = TreeChanges.Record(outer.Path);

        var result = await pack.NewAsync(workspace, "mcp-module", "-n", name);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(changes.Since());
    }

    [Fact]
    public async Task Existing_module_is_not_overwritten_without_force()
    {
        using var outer = new TempDirectory();
        var workspace = await CreateWorkspaceAsync(outer);
        (await pack.NewAsync(workspace, "mcp-module", "-n", "billing")).EnsureSuccess();
        var userEdit = Path.Combine(workspace, "modules", "billing", "mcp", "src", "index.ts");
        File.AppendAllText(userEdit, "\n// a user's edit\n");
        var changes = TreeChanges.Record(outer.Path);

        var result = await pack.NewAsync(workspace, "mcp-module", "-n", "billing", "--port", "9999");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--force", result.Output, StringComparison.Ordinal);
        Assert.Empty(changes.Since());
    }

    /// <summary>A fresh copy of `dotnet new mcp-workspace -n acme` (generated once per run) in <paramref name="outer"/>.</summary>
    private async Task<string> CreateWorkspaceAsync(TempDirectory outer)
    {
        await GeneratedTreeCache.CopyAsync(
            "mcp-workspace\0-n\0acme",
            async folder => (await pack.NewAsync(folder, "mcp-workspace", "-n", "acme")).EnsureSuccess(),
            outer.Path);
        File.WriteAllText(outer.Combine("sentinel.txt"), "outside the workspace");
        return outer.Combine("acme");
    }
}
