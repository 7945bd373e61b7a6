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

    /// <summary>
    /// Outside git, check walks the folder: every file, hidden ones included, by its path from the root with
    /// '/'; build output and .git are never entered, and a symlinked folder is not followed (a link to / must
    /// not make check walk the disk) while a symlinked file is read like any other.
    /// </summary>
    [Fact]
    public void The_walk_outside_git_lists_every_file_but_build_output_and_follows_no_folder_link()
    {
        var root = Directory.CreateTempSubdirectory("mcpops-walk").FullName;
        var outside = Directory.CreateTempSubdirectory("mcpops-walk-outside").FullName;
        try
        {
            foreach (var file in new[] { "README.md", ".env", ".github/workflows/ci.yml", "modules/a/mcp/src/index.ts", "modules/a/mcp/node_modules/x/index.js", "modules/a/mcp/dist/index.js", "bin/tool", "obj/x", ".git/HEAD" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
                File.WriteAllText(Path.Combine(root, file), file);
            }

            File.WriteAllText(Path.Combine(outside, "secret.txt"), "outside");
            Directory.CreateSymbolicLink(Path.Combine(root, "linked-folder"), outside);
            File.CreateSymbolicLink(Path.Combine(root, "linked-readme.md"), Path.Combine(root, "README.md"));

            var files = CheckFiles.FromDisk(root);

            Assert.Equal([".env", ".github/workflows/ci.yml", "README.md", "linked-readme.md", "modules/a/mcp/src/index.ts"], files.Paths);
            Assert.Equal("README.md", files.Read("linked-readme.md"));
            Assert.Equal(".github/workflows/ci.yml", files.Read(".github/workflows/ci.yml"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }
}
