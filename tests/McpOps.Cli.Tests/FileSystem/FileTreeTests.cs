using McpOps.Cli.FileSystem;

namespace McpOps.Cli.Tests.FileSystem;

public sealed class FileTreeTests
{
    [Fact]
    public void Writing_the_original_content_back_cancels_the_change()
    {
        var tree = new FileTree(new InMemoryFileSource { ["a.txt"] = "one" });
        tree.Write("a.txt", "two");
        Assert.True(tree.HasChanges);
        tree.Write("a.txt", "one");
        Assert.False(tree.HasChanges);
    }

    [Fact]
    public void A_deleted_folder_disappears_from_reads_and_listings()
    {
        var tree = new FileTree(new InMemoryFileSource { ["modules/a/mcp/x"] = "1", ["modules/b/mcp/x"] = "2" });
        tree.DeleteDirectory("modules/a");
        Assert.Equal(["b"], tree.ListDirectories("modules"));
        Assert.Null(tree.Read("modules/a/mcp/x"));
        Assert.False(tree.DirectoryExists("modules/a/mcp"));
    }

    [Fact]
    public void Commit_writes_atomically_keeps_file_mode_and_leaves_no_temporary_file()
    {
        var root = Directory.CreateTempSubdirectory("mcpops-tree").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "run.sh"), "old");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(root, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var disk = new DiskFileSource(root);
            var tree = new FileTree(disk);
            tree.Write("run.sh", "new");
            tree.Write("deep/new.txt", "created");

            var written = TreeCommitter.Commit(tree, disk);

            Assert.Equal(["deep/new.txt", "run.sh"], written);
            Assert.Equal("new", File.ReadAllText(Path.Combine(root, "run.sh")));
            Assert.Equal("created", File.ReadAllText(Path.Combine(root, "deep", "new.txt")));
            Assert.Equal(["deep/new.txt", "run.sh"], disk.ListFilesRecursive("").Order(StringComparer.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(Path.Combine(root, "run.sh")).HasFlag(UnixFileMode.UserExecute));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
