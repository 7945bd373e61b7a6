using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>The workspace a command works on: its root on disk and a fresh tree to plan edits in.</summary>
internal sealed class WorkspaceSession
{
    private WorkspaceSession(string root)
    {
        Disk = new DiskFileSource(root);
        Tree = new FileTree(Disk);
    }

    public DiskFileSource Disk { get; }

    public FileTree Tree { get; }

    public static WorkspaceSession Open(CliContext context) => new(WorkspaceLocator.Find(context.WorkingDirectory));

    public static WorkspaceSession At(string root) => new(root);

    public IReadOnlyList<string> Commit() => TreeCommitter.Commit(Tree, Disk);
}
