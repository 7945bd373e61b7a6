using McpOps.Cli.Check;
using McpOps.Cli.FileSystem;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// CheckFiles answers folder questions from its sorted paths (a range, not a scan of every path per
/// module); the answers must be those of a plain prefix filter, at every boundary that sorts near '/'.
/// </summary>
public sealed class CheckFilesTests
{
    // '-' and '.' sort before '/', and '0' after it: names that share a prefix with modules/a land on both sides.
    private static readonly string[] Paths =
    [
        "README.md",
        "modules/a-b/mcp/package.json",
        "modules/a.b/mcp/x.txt",
        "modules/a/mcp/Dockerfile",
        "modules/a/mcp/deploy/k8s/kustomization.yaml",
        "modules/a/mcp/package.json",
        "modules/a0/mcp/package.json",
        "modules/ab/mcp/package.json",
        "modules/a/mcp/node_modules/x/package.json",
        "modulesx/file",
    ];

    private static CheckFiles Files() => CheckFiles.FromMemory(Paths.ToDictionary(p => p, p => "text of " + p));

    [Theory]
    [InlineData("")]
    [InlineData("modules")]
    [InlineData("modules/a")]
    [InlineData("modules/a/mcp")]
    [InlineData("modules/a/mcp/deploy")]
    [InlineData("modules/a-b")]
    [InlineData("modules/a0")]
    [InlineData("modules/z")]
    [InlineData("README.md")]
    public void Under_is_every_checked_path_in_the_folder_in_order(string folder)
    {
        var files = Files();
        var expected = files.Paths.Where(p => folder.Length == 0 || p.StartsWith(folder + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, files.Under(folder));
    }

    [Fact]
    public void Folder_listings_see_only_direct_children_and_never_skipped_folders()
    {
        IWorkspaceFiles files = Files();
        Assert.Equal(["a", "a-b", "a.b", "a0", "ab"], files.ListDirectories("modules"));
        Assert.Equal(["Dockerfile", "package.json"], files.ListFiles("modules/a/mcp"));
        Assert.Equal(["deploy"], files.ListDirectories("modules/a/mcp"));
        Assert.Empty(files.ListFiles("modules/z"));
        Assert.Null(files.Read("modules/a/mcp/node_modules/x/package.json"));
    }
}
