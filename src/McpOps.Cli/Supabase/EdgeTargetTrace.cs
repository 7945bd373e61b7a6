using System.Text.Json.Nodes;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Upgrade;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Supabase;

/// <summary>
/// Keeps a module's trace true after `mcpops edge enable`: the module is now what `dotnet new mcp-module --edge`
/// writes, so its "template" section in mcpops.module.json and its instance in .mcpops/templates.json gain the
/// Edge arguments and the record the hashes of the Edge render. Otherwise `mcpops upgrade` would render the module
/// without --edge and take the Edge files for the team's own. Pure over the tree: the caller commits.
/// </summary>
internal static class EdgeTargetTrace
{
    /// <summary>
    /// Refuses before anything changes when the installed templates are not the version that wrote the module:
    /// the Edge files would then come from another version than the rest, and no upgrade could tell them apart.
    /// </summary>
    public static void EnsureSameVersion(FileTree workspace, string moduleFolder, FileTree edge)
    {
        var metadataPath = MetadataPath(moduleFolder);
        var module = Recorded(workspace, moduleFolder) ?? ModuleTemplateSection.Read(workspace, metadataPath);
        var rendered = ModuleTemplateSection.Read(edge, metadataPath);
        if (module is not null && rendered is not null && module.Version != rendered.Version)
        {
            throw new WorkspaceException(
                $"{metadataPath} was written by McpOps.Templates {module.Version} and the installed templates are {rendered.Version}: "
                + $"run `{McpOpsCli.Name} upgrade` first (or install McpOps.Templates {module.Version}), then enable the Edge target.");
        }
    }

    /// <summary>Adds <paramref name="edgeArguments"/> to the module's traces; <paramref name="edge"/> is the --edge render.</summary>
    public static void Apply(FileTree workspace, string moduleFolder, FileTree plain, FileTree edge, IReadOnlyList<string> edgeArguments)
    {
        UpdateSection(workspace, MetadataPath(moduleFolder), plain, edge, edgeArguments);
        if (Recorded(workspace, moduleFolder) is { } instance)
        {
            var files = instance.Files.Where(f => !f.Key.StartsWith(moduleFolder + "/", StringComparison.Ordinal))
                .Concat(TemplateRecord.Hashes(edge.ListFilesRecursive(moduleFolder).Select(path => KeyValuePair.Create(path, edge.Read(path)!))));
            TemplateRecord.Record(workspace, instance with
            {
                Arguments = [.. instance.Arguments, .. edgeArguments.Where(a => !instance.Arguments.Contains(a))],
                Files = files.ToDictionary(StringComparer.Ordinal),
            });
        }
    }

    private static string MetadataPath(string moduleFolder) => moduleFolder + "/" + ModuleMetadata.FileName;

    /// <summary>The instance of .mcpops/templates.json that wrote the module's files, if it is recorded.</summary>
    private static TemplateInstance? Recorded(FileTree workspace, string moduleFolder) =>
        TemplateRecord.Read(workspace).FirstOrDefault(i => i.Files.Keys.Any(f => f.StartsWith(moduleFolder + "/", StringComparison.Ordinal)));

    /// <summary>
    /// A metadata file taken whole from the --edge render already has them. Otherwise a section as the template
    /// wrote it takes the --edge render's section (same order as `add --edge`); one the team changed keeps its own
    /// arguments and gains the Edge ones.
    /// </summary>
    private static void UpdateSection(FileTree workspace, string metadataPath, IWorkspaceFiles plain, IWorkspaceFiles edge, IReadOnlyList<string> edgeArguments)
    {
        var text = workspace.Read(metadataPath);
        if (text is null || JsonFiles.ParseObject(metadataPath, text) is not { } json
            || json[ModuleTemplateSection.Key] is not JsonObject section || section["arguments"] is not JsonArray arguments)
        {
            return;
        }

        var missing = edgeArguments.Where(a => !arguments.Any(n => n?.GetValue<string>() == a)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (SectionOf(plain, metadataPath) is { } generated && JsonNode.DeepEquals(section, generated) && SectionOf(edge, metadataPath) is { } rendered)
        {
            json[ModuleTemplateSection.Key] = rendered.DeepClone();
        }
        else
        {
            missing.ForEach(a => arguments.Add((JsonNode)JsonValue.Create(a)));
        }

        workspace.Write(metadataPath, JsonFiles.ToPackageJson(json, text));
    }

    private static JsonObject? SectionOf(IWorkspaceFiles files, string metadataPath) =>
        files.Read(metadataPath) is { } text ? JsonFiles.ParseObject(metadataPath, text)[ModuleTemplateSection.Key] as JsonObject : null;
}
