using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// Plans `mcpops sync` on a <see cref="FileTree"/>: reconciles each module's link to mcp-core (a
/// TypeScript module's dependency and project reference, a C# module's ProjectReference to
/// mcp-core-dotnet), then every marked block of the root files, with the modules found in the tree. Pure
/// over the tree: nothing is written here. All problems (malformed files, missing markers) are
/// collected and reported together, and then nothing is changed.
/// </summary>
internal static class SyncPlanner
{
    public static SyncPlan Plan(FileTree tree)
    {
        var workspace = Workspace.Read(tree);
        var problems = new List<string>();

        foreach (var module in workspace.Modules)
        {
            Try(problems, () => module.Flavour.EnsureCoreWiring(tree, module, workspace));
        }

        Try(problems, () => McpJsonWiring.Apply(tree, workspace));
        var (files, notes) = RootFiles.Present(tree, workspace);
        var handEdits = new List<string>();
        foreach (var file in files)
        {
            Try(problems, () =>
            {
                var content = tree.Read(file.Path)!;
                // Check every marker pair on the file as it is, so an error's line numbers are the user's.
                foreach (var block in file.Blocks)
                {
                    MarkedBlock.Read(file.Path, content, file.Style, block.Name, block.Hint);
                }

                var original = content;
                foreach (var block in file.Blocks)
                {
                    var lines = BlockTemplates.Render(block.TemplateName, workspace.Modules.Where(block.Includes));
                    handEdits.AddRange(HandEdits(file, block, original, lines));
                    content = MarkedBlock.Replace(file.Path, content, file.Style, block.Name, lines, block.Hint);
                }

                tree.Write(file.Path, content);
            });
        }

        if (handEdits.Count > 0)
        {
            problems.Add($"these lines inside mcpops markers were written by hand, and sync would drop them:\n{string.Join("\n", handEdits.Select(h => "    " + h))}\n  Move them outside the mcpops:begin/end markers (sync keeps everything outside), or delete them, then run sync again.");
        }

        problems.AddRange(WrittenFiles.Problems(tree));
        if (problems.Count > 0)
        {
            throw new WorkspaceException(problems);
        }

        var legacy = workspace.Modules.Where(m => m.Railway == RailwayConfig.Toml).Select(m => m.Name).ToList();
        if (legacy.Count > 0)
        {
            notes = [.. notes, $"railway.toml (deprecated Config as Code) in {string.Join(", ", legacy)}: not wired into {RootFiles.Railway}; migrate to railway.service.ts."];
        }

        foreach (var flavour in ModuleFlavours.All)
        {
            notes = [.. notes, .. flavour.WorkspaceNotes(tree, [.. workspace.Modules.Where(m => m.Flavour == flavour)])];
        }

        return new SyncPlan(workspace, notes);
    }

    /// <summary>Lines of the block as it is that sync would drop and no module could have generated: "path:line: text".</summary>
    private static IEnumerable<string> HandEdits(RootFile file, RootBlock block, string content, IReadOnlyList<string> rendered)
    {
        var keep = rendered.Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var begin = Array.FindIndex(lines, l => l.Trim() == file.Style.Begin(block.Name));
        var inner = MarkedBlock.Read(file.Path, content, file.Style, block.Name, block.Hint);
        for (var i = 0; i < inner.Count; i++)
        {
            var line = inner[i];
            if (!keep.Contains(line.Trim()) && !GeneratedLines.IsGenerated(block.TemplateName, line))
            {
                yield return $"{file.Path}:{begin + i + 2}: {line.Trim()}";
            }
        }
    }

    private static void Try(List<string> problems, Action action)
    {
        try
        {
            action();
        }
        catch (WorkspaceException ex)
        {
            problems.AddRange(ex.Problems);
        }
    }
}

/// <summary>The outcome of planning: the workspace read and notes about what was skipped. The edits are in the tree.</summary>
internal sealed record SyncPlan(Workspace Workspace, IReadOnlyList<string> Notes);
