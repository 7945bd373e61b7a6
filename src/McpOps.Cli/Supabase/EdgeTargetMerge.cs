using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Supabase;

/// <summary>
/// Adds the Edge target to an existing module from two renders of the mcp-module template for the same
/// module, one plain and one with --edge: what --edge adds or changes is exactly the Edge target. A file
/// only the Edge render has, or one the module still has as generated, is taken whole. Of the files the team
/// edited, package.json gains the scripts and dependencies --edge adds or changes and mcpops.module.json gains
/// "targets" and "edge"; any other is named in a note (the user's edits win).
/// Pure over the trees: the caller commits.
/// </summary>
internal static class EdgeTargetMerge
{
    private static readonly string[] PackageSections = ["scripts", "dependencies", "devDependencies"];

    /// <summary>Plans the merge on <paramref name="workspace"/>; returns notes about files left for the user to compare.</summary>
    public static IReadOnlyList<string> Apply(FileTree workspace, string moduleFolder, IWorkspaceFiles plain, IWorkspaceFiles edge, IReadOnlyList<string> edgeFiles)
    {
        var notes = new List<string>();
        var problems = new List<string>();
        foreach (var path in edgeFiles.Where(p => p.StartsWith(moduleFolder + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var wanted = edge.Read(path)!;
            var generated = plain.Read(path);
            var current = workspace.Read(path);
            if (generated == wanted)
            {
                continue;
            }

            var file = path[(moduleFolder.Length + 1)..];
            if (current is null || current == generated)
            {
                workspace.Write(path, wanted);
            }
            else if (file == ModuleMetadata.FileName)
            {
                workspace.Write(path, MergeMetadata(path, current, wanted));
            }
            else if (file == "package.json" && generated is not null)
            {
                workspace.Write(path, MergePackage(path, current, generated, wanted));
            }
            else if (current != wanted)
            {
                if (generated is null)
                {
                    problems.Add($"{path} exists and is not the file the Edge target needs: move it aside, then run `mcpops edge enable` again.");
                }
                else
                {
                    notes.Add($"{path} was edited since it was generated; the Edge target changes it too: compare it with `dotnet new mcp-module -n <name> --edge` output and merge by hand.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new WorkspaceException(problems);
        }

        return notes;
    }

    private static string MergeMetadata(string path, string current, string wanted)
    {
        var json = JsonFiles.ParseObject(path, current);
        var edge = JsonFiles.ParseObject(path + " (template --edge)", wanted);
        foreach (var key in new[] { "targets", "edge" })
        {
            json[key] = edge[key]?.DeepClone();
        }

        if (json["targets"] is null)
        {
            json["targets"] = new JsonArray(ModuleTargets.Container, ModuleTargets.Edge);
        }

        return JsonFiles.ToPackageJson(json, current);
    }

    private static string MergePackage(string path, string current, string generated, string wanted)
    {
        var json = JsonFiles.ParseObject(path, current);
        var plain = JsonFiles.ParseObject(path + " (template)", generated);
        var edge = JsonFiles.ParseObject(path + " (template --edge)", wanted);
        foreach (var section in PackageSections)
        {
            if (edge[section] is not JsonObject added)
            {
                continue;
            }

            var before = plain[section] as JsonObject;
            foreach (var (key, value) in added)
            {
                if (before?[key]?.ToJsonString() == value?.ToJsonString())
                {
                    continue;
                }

                if (json[section] is not JsonObject target)
                {
                    target = [];
                    json[section] = target;
                }

                target[key] = value?.DeepClone();
            }
        }

        return JsonFiles.ToPackageJson(json, current);
    }
}
