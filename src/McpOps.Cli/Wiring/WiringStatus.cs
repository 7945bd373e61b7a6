using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// Which of a module's wiring is missing or stale, read without planning any edit: for each marked
/// block that should list the module, the lines the templates render for it alone must all be there.
/// </summary>
internal static class WiringStatus
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Missing(FileTree tree, Workspace workspace)
    {
        var (files, _) = RootFiles.Present(tree, workspace);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var module in workspace.Modules)
        {
            var missing = module.Flavour.MissingCoreWiring(tree, module, workspace).ToList();
            foreach (var file in files)
            {
                var content = tree.Read(file.Path)!;
                foreach (var block in file.Blocks.Where(b => b.Includes(module)))
                {
                    var present = MarkedBlock.Read(file.Path, content, file.Style, block.Name, block.Hint).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
                    if (!BlockTemplates.Render(block.TemplateName, [module]).All(line => present.Contains(line.Trim())))
                    {
                        missing.Add($"{file.Path}: {block.Name}");
                    }
                }
            }

            result[module.Name] = missing;
        }

        return result;
    }
}
