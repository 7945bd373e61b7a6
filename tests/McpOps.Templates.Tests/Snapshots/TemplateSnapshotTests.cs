using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Snapshots;

/// <summary>
/// Every template with its defaults and with each non-default option, against committed trees.
/// That the output also builds and runs is proven by the end-to-end tests.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class TemplateSnapshotTests(TemplatePack pack)
{
    private const string McpCoreFolder = "modules/_shared/mcp-core/";

    [Theory]
    [InlineData("mcp-workspace.default", "@app", new[] { "-n", "acme" })]
    [InlineData("mcp-workspace.scope", "@acme", new[] { "-n", "Acme Platform", "--scope", "Acme" })]
    public async Task Workspace(string snapshot, string expectedScope, string[] options)
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, ["mcp-workspace", .. options])).EnsureSuccess();
        var root = Directory.GetDirectories(temp.Path).Single();

        // mcp-core is this repository's modules/_shared/mcp-core, shipped as is: compare it with its
        // source instead of freezing a second copy of it in the snapshot (mcp-core-dotnet likewise, in
        // CSharp/CSharpModuleTemplateTests).
        AssertSameTree(RepositoryPaths.SharedMcpCore, Path.Combine(root, McpCoreFolder), expectedScope);
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "_shared", "environment.json")),
            File.ReadAllText(Path.Combine(root, "modules", "_shared", "environment.json")));
        DirectorySnapshot.Verify(snapshot, temp.Path, path =>
            !path.Contains("/" + McpCoreFolder, StringComparison.Ordinal) &&
            !path.Contains("/modules/_shared/mcp-core-dotnet/", StringComparison.Ordinal) &&
            !path.EndsWith("/modules/_shared/environment.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mcp-module.default", new[] { "-n", "billing" })]
    [InlineData("mcp-module.options", new[] { "-n", "BillingService", "--port", "9090", "--description", "Invoices and \"payments\".", "--scope", "acme" })]
    [InlineData("mcp-module.railway-toml", new[] { "-n", "billing", "--railway-config", "toml" })]
    [InlineData("mcp-module.edge", new[] { "-n", "billing", "--edge" })]
    [InlineData("mcp-module.edge-only", new[] { "-n", "billing", "--edge-only" })]
    public async Task Module(string snapshot, string[] options)
    {
        using var temp = new TempDirectory();
        (await pack.NewAsync(temp.Path, ["mcp-module", .. options])).EnsureSuccess();

        DirectorySnapshot.Verify(snapshot, temp.Path);
    }

    private static void AssertSameTree(string sourceRoot, string generatedRoot, string scope)
    {
        var source = Files(sourceRoot, excludeBuildOutput: true);
        var generated = Files(generatedRoot, excludeBuildOutput: false);
        Assert.Equal(source, generated);
        foreach (var file in source)
        {
            var expected = File.ReadAllText(Path.Combine(sourceRoot, file)).Replace("@app", scope, StringComparison.Ordinal);
            Assert.Equal(expected, File.ReadAllText(Path.Combine(generatedRoot, file)));
        }
    }

    private static string[] Files(string root, bool excludeBuildOutput) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !excludeBuildOutput || !IsBuildOutput(file))
            .Order(StringComparer.Ordinal)];

    // The pack leaves out what a local npm install/build creates in the source folder.
    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("node_modules/", StringComparison.Ordinal) ||
        relativePath.StartsWith("dist/", StringComparison.Ordinal) ||
        relativePath.EndsWith(".tsbuildinfo", StringComparison.Ordinal) ||
        relativePath == "package-lock.json";
}
