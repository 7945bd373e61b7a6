using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// `.mcpops/instances/&lt;short name&gt;.json`: the trace each workspace-level template (mcp-workspace,
/// devops-compose, devops-k8s, devops-ci) writes of its own run, with the pack version stamped at pack time
/// and the arguments as the template derived them. A template run by plain `dotnet new` is in no
/// <see cref="TemplateRecord"/>; `upgrade` takes its instance from here. The record wins where both exist
/// (it has the hashes), so an instance is never counted twice.
/// </summary>
internal static class InstanceTraces
{
    public const string Folder = ".mcpops/instances";

    /// <summary>The traced instances of templates that <paramref name="recorded"/> does not list at the workspace root.</summary>
    public static IEnumerable<TemplateInstance> Unrecorded(FileTree tree, IReadOnlyList<TemplateInstance> recorded)
    {
        if (!tree.DirectoryExists(Folder))
        {
            yield break;
        }

        foreach (var name in tree.ListFiles(Folder).Where(n => n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var path = FileTree.Combine(Folder, name);
            var instance = ModuleTemplateSection.Parse(JsonFiles.ParseObject(path, tree.Read(path)!), path, "devops-compose", "--name\", \"<workspace>");
            if (!recorded.Any(i => i.Template == instance.Template && i.Output == instance.Output))
            {
                yield return instance;
            }
        }
    }
}
