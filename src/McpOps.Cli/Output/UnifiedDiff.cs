using System.Text;
using DiffPlex.Renderer;
using McpOps.Cli.FileSystem;

namespace McpOps.Cli.Output;

/// <summary>The planned changes of a tree as one unified diff (a/ and b/ prefixes, like git diff).</summary>
internal static class UnifiedDiff
{
    public static string Render(FileTree tree)
    {
        var builder = new StringBuilder();
        foreach (var change in tree.Changes)
        {
            builder.Append(UnidiffRenderer.GenerateUnidiff(
                change.OldContent ?? "",
                change.NewContent ?? "",
                change.OldContent is null ? "/dev/null" : "a/" + change.Path,
                change.NewContent is null ? "/dev/null" : "b/" + change.Path,
                ignoreWhitespace: false,
                ignoreCase: false,
                contextLines: 3));
            if (builder.Length > 0 && builder[^1] != '\n')
            {
                builder.Append('\n');
            }
        }

        foreach (var folder in tree.DeletedDirectories)
        {
            if (tree.Source.FileExists(folder))
            {
                builder.Append("deleted: ").Append(folder).Append('\n');
                continue;
            }

            var files = tree.Source.ListFilesRecursive(folder);
            builder.Append("deleted: ").Append(folder).Append("/ (").Append(files.Count).Append(files.Count == 1 ? " file" : " files").Append(")\n");
        }

        return builder.ToString();
    }
}
