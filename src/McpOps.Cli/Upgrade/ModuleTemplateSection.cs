using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// The "template" object the mcp-module template writes into each module's mcpops.module.json: the pack
/// version and the `dotnet new` arguments of the run that wrote the module (its name, port, scope and
/// description as the template derived them, so rendering them again writes the same files). The module
/// owns it, so it is there however the module was made (`mcpops add`, plain `dotnet new mcp-module`) and
/// it moves with the module (`mcpops rename` rewrites the name in it like everywhere else).
/// `upgrade` takes a module's instance from here when <see cref="TemplateRecord"/> does not list it.
/// </summary>
internal static class ModuleTemplateSection
{
    public const string Key = "template";

    /// <summary>The instances of modules that no instance of <paramref name="recorded"/> wrote files into.</summary>
    public static IEnumerable<TemplateInstance> Unrecorded(FileTree tree, IReadOnlyList<TemplateInstance> recorded)
    {
        foreach (var module in ModuleDiscovery.Find(tree))
        {
            var prefix = $"modules/{module.Name}/";
            if (recorded.Any(i => i.Files.Keys.Any(f => f.StartsWith(prefix, StringComparison.Ordinal))))
            {
                continue;
            }

            if (Read(tree, module.MetadataPath) is { } instance)
            {
                yield return instance;
            }
        }
    }

    /// <summary>The instance <paramref name="path"/> names, or null when it has no "template" object (modules made before it existed).</summary>
    public static TemplateInstance? Read(IWorkspaceFiles files, string path)
    {
        if (files.Read(path) is not { } text || JsonFiles.ParseObject(path, text)[Key] is not { } node)
        {
            return null;
        }

        return Parse(node, $"{path}: \"{Key}\"", "mcp-module", "--name\", \"<module>");
    }

    /// <summary>
    /// A template's trace of its own run, { "name", "version", "arguments" }, as the module's section and each
    /// <see cref="InstanceTraces"/> file hold it: an instance with no file hashes (the template cannot hash what it writes).
    /// </summary>
    public static TemplateInstance Parse(JsonNode node, string where, string example, string exampleArguments)
    {
        if (node is not JsonObject section
            || section["name"] is not JsonValue name || !name.TryGetValue<string>(out var template) || template.Length == 0
            || section["version"] is not JsonValue version || !version.TryGetValue<string>(out var pack) || pack.Length == 0
            || section["arguments"] is not JsonArray arguments
            || arguments.Any(a => a is not JsonValue value || !value.TryGetValue<string>(out _)))
        {
            throw new WorkspaceException(
                $"{where} must be {{ \"name\": \"{example}\", \"version\": \"<McpOps.Templates version>\", \"arguments\": [\"{exampleArguments}\", ...] }} as the template wrote it; restore it from git.");
        }

        return new TemplateInstance(template, pack, [.. arguments.Select(a => a!.GetValue<string>())], "", new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
