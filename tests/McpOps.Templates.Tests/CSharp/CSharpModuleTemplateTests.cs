using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.CSharp;

/// <summary>
/// The C# flavour of mcp-module: its snapshots, how `dotnet new` picks a language in the shared
/// template group, and the .NET pieces mcp-workspace ships. That the output builds and runs is proven by
/// <see cref="CSharpEndToEndTests"/>.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class CSharpModuleTemplateTests(TemplatePack pack)
{
    [Theory]
    [InlineData("mcp-module-csharp.default", new[] { "-n", "billing", "--language", "C#" })]
    [InlineData("mcp-module-csharp.options", new[] { "-n", "BillingService", "-lang", "C#", "--port", "9090", "--description", "Invoices & <b>\"payments\"</b>.", "--railway-config", "toml" })]
    public async Task Module_snapshot(string snapshot, string[] options)
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, ["mcp-module", .. options])).EnsureSuccess();

        DirectorySnapshot.Verify(snapshot, temp.Path);
    }

    [Fact]
    public async Task Without_a_language_mcp_module_stays_TypeScript()
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, "mcp-module", "-n", "billing")).EnsureSuccess();

        var module = temp.Combine("modules", "billing", "mcp");
        Assert.True(File.Exists(Path.Combine(module, "package.json")), "the TypeScript flavour writes package.json");
        Assert.Empty(Directory.GetFiles(module, "*.csproj", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("-lang")]
    [InlineData("--language")]
    public async Task Language_CSharp_picks_the_CSharp_flavour(string option)
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, "mcp-module", "-n", "Crm Sync", option, "C#")).EnsureSuccess();

        var module = temp.Combine("modules", "crm-sync", "mcp");
        Assert.False(File.Exists(Path.Combine(module, "package.json")));
        Assert.True(File.Exists(Path.Combine(module, "src", "CrmSync.Mcp", "CrmSync.Mcp.csproj")));
        Assert.True(File.Exists(Path.Combine(module, "test", "CrmSync.Mcp.Tests", "CrmSync.Mcp.Tests.csproj")));
        Assert.Equal(["modules"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("3d-Models", "module-3d-models", "Module3DModels")]
    [InlineData("xn--abc", "xn-abc", "XnAbc")]
    [InlineData("..", "unnamed-module", "UnnamedModule")]
    [InlineData("_private", "private", "Private")]
    public async Task Names_become_a_folder_label_and_a_CSharp_identifier(string name, string folder, string project)
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, "mcp-module", "-n", name, "-lang", "C#")).EnsureSuccess();

        Assert.True(
            File.Exists(temp.Combine("modules", folder, "mcp", "src", $"{project}.Mcp", $"{project}.Mcp.csproj")),
            string.Join('\n', Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories)));
    }

    [Fact]
    public async Task Workspace_ships_mcp_core_dotnet_as_in_this_repository_and_a_solution_listing_it()
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, "mcp-workspace", "-n", "Acme Platform", "--scope", "acme")).EnsureSuccess();
        var root = temp.Combine("Acme Platform");

        var source = RelativeFiles(SharedMcpCoreDotnet);
        var shipped = RelativeFiles(Path.Combine(root, "modules", "_shared", "mcp-core-dotnet"));
        Assert.Equal(source, shipped);
        foreach (var file in source)
        {
            var shippedText = File.ReadAllText(Path.Combine(root, "modules", "_shared", "mcp-core-dotnet", file));
            if (file == "src/McpOps.McpCore/McpOps.McpCore.csproj")
            {
                // The pack stamps the one version into the shipped project (Release/OneVersionTests).
                var stamp = $"\n    <Version>{ProductVersion.Value}</Version>";
                Assert.Contains(stamp, shippedText, StringComparison.Ordinal);
                shippedText = shippedText.Replace(stamp, "", StringComparison.Ordinal);
            }

            Assert.Equal(File.ReadAllText(Path.Combine(SharedMcpCoreDotnet, file)), shippedText);
        }

        var solution = File.ReadAllText(Path.Combine(root, "acme-platform.slnx"));
        Assert.Contains("modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj", solution, StringComparison.Ordinal);
        Assert.Contains("<!-- mcpops:begin modules -->", solution, StringComparison.Ordinal);
        Assert.Contains("<!-- mcpops:end modules -->", solution, StringComparison.Ordinal);
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.True(File.Exists(Path.Combine(root, file)), file);
        }
    }

    [Fact]
    public async Task The_module_references_the_shared_runtime_by_a_path_that_exists_in_a_workspace()
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, "mcp-workspace", "-n", "acme")).EnsureSuccess();
        var root = temp.Combine("acme");
        (await pack.NewAsync(root, "mcp-module", "-n", "billing", "-lang", "C#")).EnsureSuccess();

        var project = Path.Combine(root, "modules", "billing", "mcp", "src", "Billing.Mcp", "Billing.Mcp.csproj");
        var reference = System.Xml.Linq.XDocument.Load(project).Descendants("ProjectReference").Single().Attribute("Include")!.Value;
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference))), reference);
    }

    internal static string SharedMcpCoreDotnet => Path.Combine(RepositoryPaths.Root, "modules", "_shared", "mcp-core-dotnet");

    private static string[] RelativeFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)];
}
