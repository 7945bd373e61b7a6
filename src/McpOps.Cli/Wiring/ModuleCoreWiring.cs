using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// A module's own link to mcp-core: the dependency `"@scope/mcp-core": "file:../../_shared/mcp-core"` in its package.json and the
/// project reference `../../_shared/mcp-core` in its tsconfig.json. A file that already has both is
/// returned unchanged, byte for byte.
/// </summary>
internal static class ModuleCoreWiring
{
    /// <summary>
    /// A path, not a version: npm links it whatever the dependency is called, so a module made by
    /// `dotnet new mcp-module` without `--scope` (its key is then @app/mcp-core) still installs in an
    /// @acme workspace (npm records an alias); `mcpops sync` then moves the module to the workspace's scope.
    /// </summary>
    public const string DependencyVersion = "file:" + Workspace.McpCoreReference;

    /// <summary>The spec of modules made before the path: npm resolves it to the workspace package by name. Still right.</summary>
    public const string LegacyDependencyVersion = "*";

    public static bool HasDependency(JsonObject package, string coreName) =>
        package["dependencies"] is JsonObject deps && deps[coreName] is JsonValue v && v.TryGetValue<string>(out var version)
        && version is DependencyVersion or LegacyDependencyVersion;

    public static string EnsureDependency(string path, string text, string coreName)
    {
        var package = JsonFiles.ParseObject(path, text);
        if (HasDependency(package, coreName))
        {
            return text;
        }

        if (package["dependencies"] is not JsonObject dependencies)
        {
            dependencies = [];
            package["dependencies"] = dependencies;
        }

        dependencies[coreName] = DependencyVersion;
        // npm keeps dependencies sorted by name; so do we.
        var sorted = dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, Value: d.Value?.DeepClone())).ToList();
        dependencies.Clear();
        foreach (var (key, value) in sorted)
        {
            dependencies[key] = value;
        }

        return JsonFiles.ToPackageJson(package, text);
    }

    public static bool HasReference(JsonObject tsconfig) =>
        tsconfig["references"] is JsonArray references && references.Any(r =>
            r is JsonObject o && JsonFiles.GetString(o, "path") is { } p && Normalise(p) == Workspace.McpCoreReference);

    /// <summary>
    /// Adds the reference as text (tsconfig.json is JSONC: re-serialising would drop its comments):
    /// first in an existing "references" array, or as a new last property.
    /// </summary>
    public static string EnsureReference(string path, string text)
    {
        if (HasReference(JsonFiles.ParseObject(path, text, jsonc: true)))
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var entry = $"{{ \"path\": \"{Workspace.McpCoreReference}\" }}";
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        long lastValueEnd = -1;
        var sawProperty = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                sawProperty = true;
                var isReferences = reader.ValueTextEquals("references");
                reader.Read();
                if (isReferences && reader.TokenType == JsonTokenType.StartArray)
                {
                    var afterBracket = reader.TokenStartIndex + 1;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        return Insert(bytes, afterBracket, entry);
                    }

                    var gap = Encoding.UTF8.GetString(bytes, (int)afterBracket, (int)(reader.TokenStartIndex - afterBracket));
                    return Insert(bytes, reader.TokenStartIndex, entry + "," + (gap.Length == 0 ? " " : gap));
                }

                reader.Skip();
                lastValueEnd = reader.BytesConsumed;
            }
        }

        var property = $"\"references\": [{entry}]";
        if (!sawProperty)
        {
            var open = text.IndexOf('{', StringComparison.Ordinal);
            return text.Insert(open + 1, $"\n  {property}\n");
        }

        return Insert(bytes, lastValueEnd, $",\n  {property}");
    }

    private static string Insert(byte[] bytes, long at, string insertion) =>
        Encoding.UTF8.GetString(bytes, 0, (int)at) + insertion + Encoding.UTF8.GetString(bytes, (int)at, bytes.Length - (int)at);

    private static string Normalise(string referencePath)
    {
        var p = referencePath.Replace('\\', '/').TrimEnd('/');
        return p.EndsWith("/tsconfig.json", StringComparison.Ordinal) ? p[..^"/tsconfig.json".Length] : p;
    }
}
