using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// `.mcpops/templates.json`: every template instance of the workspace (<see cref="TemplateInstance"/>),
/// written by `mcpops new`, `mcpops add` and `mcpops upgrade` in the same transaction as the files they
/// record. Committed with the workspace, so every generated file can be traced to a pack version and options.
/// </summary>
internal static class TemplateRecord
{
    public const string Path = ".mcpops/templates.json";

    public static IReadOnlyList<TemplateInstance> Read(IWorkspaceFiles files)
    {
        if (files.Read(Path) is not { } text)
        {
            return [];
        }

        var root = JsonFiles.ParseObject(Path, text);
        if (root["instances"] is not JsonArray instances)
        {
            throw new WorkspaceException($"{Path}: expected an \"instances\" array. Restore the file from git.");
        }

        var result = new List<TemplateInstance>();
        foreach (var (node, index) in instances.Select((n, i) => (n, i)))
        {
            var where = $"{Path}: instances[{index}]";
            if (node is not JsonObject instance
                || instance["template"]?.GetValue<string>() is not { Length: > 0 } template
                || instance["version"]?.GetValue<string>() is not { Length: > 0 } version
                || instance["arguments"] is not JsonArray arguments
                || instance["files"] is not JsonObject fileHashes)
            {
                throw new WorkspaceException($"{where} needs \"template\", \"version\", \"arguments\" and \"files\". Restore the file from git.");
            }

            result.Add(new TemplateInstance(
                template,
                version,
                [.. arguments.Select(a => a?.GetValue<string>() ?? throw new WorkspaceException($"{where}: an argument is null."))],
                instance["output"]?.GetValue<string>() ?? "",
                fileHashes.ToDictionary(f => f.Key, f => f.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)));
        }

        return result;
    }

    /// <summary>Writes <paramref name="instances"/> into the tree (stable: writing the same record twice changes nothing).</summary>
    public static void Write(FileTree tree, IEnumerable<TemplateInstance> instances) =>
        tree.Write(Path, Render(instances, tree.Read(Path) ?? ""));

    /// <summary>The file's text: two-space JSON with a final newline, in the line endings of <paramref name="original"/>.</summary>
    public static string Render(IEnumerable<TemplateInstance> instances, string original = "")
    {
        var array = new JsonArray();
        foreach (var instance in instances)
        {
            var files = new JsonObject();
            foreach (var (path, hash) in instance.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                files[path] = hash;
            }

            array.Add((JsonNode)new JsonObject
            {
                ["template"] = instance.Template,
                ["version"] = instance.Version,
                ["arguments"] = new JsonArray([.. instance.Arguments.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["output"] = instance.Output,
                ["files"] = files,
            });
        }

        var root = new JsonObject
        {
            ["$comment"] = "Written by mcpops new/add/upgrade: the template runs that wrote this workspace. `mcpops upgrade` reads it; do not edit by hand.",
            ["instances"] = array,
        };
        return JsonFiles.ToPackageJson(root, original);
    }

    /// <summary>Adds or replaces (same template and output folder and arguments' --name) one instance.</summary>
    public static void Record(FileTree tree, TemplateInstance instance)
    {
        var others = Read(tree).Where(i => !SameInstance(i, instance));
        Write(tree, others.Append(instance));
    }

    /// <summary>
    /// The instance a `dotnet new &lt;arguments&gt;` run made, from its staged output (path to content):
    /// recorded at this mcpops's version, which is the pack's (one version for both packages).
    /// </summary>
    public static TemplateInstance Of(IReadOnlyList<string> templateArguments, IReadOnlyDictionary<string, string> stagedFiles, string version) =>
        new(templateArguments[0], version, [.. templateArguments.Skip(1)], "", Hashes(stagedFiles));

    /// <summary>The files of a staging folder (before it moves), for <see cref="Of"/>.</summary>
    public static Dictionary<string, string> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>
    /// Drops the instances that wrote only under <paramref name="folder"/> (a module being removed or
    /// renamed): the record then names no module that is gone, and `upgrade` does not bring it back.
    /// A renamed module is re-rendered under its new name by no recorded instance; see docs/upgrade.md.
    /// </summary>
    public static void Forget(FileTree tree, string folder)
    {
        var instances = Read(tree);
        var kept = instances.Where(i => i.Files.Count == 0 || !i.Files.Keys.All(f => f.StartsWith(folder + "/", StringComparison.Ordinal))).ToList();
        if (kept.Count != instances.Count)
        {
            Write(tree, kept);
        }
    }

    public static string Hash(string content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>The files of a rendered template as the record lists them: workspace path to hash.</summary>
    public static Dictionary<string, string> Hashes(IEnumerable<KeyValuePair<string, string>> files) =>
        files.ToDictionary(f => f.Key, f => Hash(f.Value), StringComparer.Ordinal);

    private static bool SameInstance(TemplateInstance a, TemplateInstance b) =>
        a.Template == b.Template && a.Output == b.Output && NameOf(a) == NameOf(b);

    private static string? NameOf(TemplateInstance instance)
    {
        for (var index = 0; index < instance.Arguments.Count; index++)
        {
            if (instance.Arguments[index] is "--name" or "-n" && index + 1 < instance.Arguments.Count)
            {
                return instance.Arguments[index + 1];
            }

            if (instance.Arguments[index].StartsWith("--name=", StringComparison.Ordinal))
            {
                return instance.Arguments[index]["--name=".Length..];
            }
        }

        return null;
    }
}
