using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Modules;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// Keeps the module entries of .mcp.json (Claude Code's project MCP servers) current. The file is
/// strict JSON, so it cannot carry comment markers: sync owns the entries named after a module
/// (`"billing": { "type": "http", "url": "http://127.0.0.1:&lt;port&gt;/mcp", … }`) and removes such an entry
/// once its module is gone; every other entry (railway, supabase, a team's own) is kept as written.
/// The bearer token is `${MCP_AUTH_TOKEN}`, which Claude Code expands from the environment.
/// </summary>
internal static class McpJsonWiring
{
    public const string Path = ".mcp.json";

    private const string LocalUrlPrefix = "http://127.0.0.1:";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Apply(FileTree tree, Workspace workspace)
    {
        if (tree.Read(Path) is { } text)
        {
            tree.Write(Path, Update(text, workspace.Modules));
        }
    }

    /// <summary>The file with one entry per module and no entry for a module that is gone; unchanged text when nothing differs.</summary>
    public static string Update(string text, IReadOnlyList<ModuleInfo> modules)
    {
        var root = JsonFiles.ParseObject(Path, text);
        var servers = root["mcpServers"] switch
        {
            null => new JsonObject(),
            JsonObject existing => existing.DeepClone().AsObject(),
            _ => throw new WorkspaceException($"{Path}: \"mcpServers\" must be an object of server entries."),
        };

        var names = modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in servers.Where(entry => !names.Contains(entry.Key) && IsModuleEntry(entry.Key, entry.Value)).Select(entry => entry.Key).ToList())
        {
            servers.Remove(stale);
        }

        foreach (var module in modules)
        {
            servers[module.Name] = Entry(module);
        }

        if (JsonNode.DeepEquals(servers, root["mcpServers"]))
        {
            return text;
        }

        root["mcpServers"] = servers;
        return root.ToJsonString(Indented) + "\n";
    }

    public static JsonObject Entry(ModuleInfo module) => new()
    {
        ["type"] = "http",
        ["url"] = $"{LocalUrlPrefix}{(module.Port ?? 8080).ToString(CultureInfo.InvariantCulture)}/mcp",
        ["headers"] = new JsonObject { ["Authorization"] = "Bearer ${MCP_AUTH_TOKEN}" },
    };

    /// <summary>An entry sync wrote: named like a module and pointing at a local module server.</summary>
    private static bool IsModuleEntry(string name, JsonNode? value) =>
        ModuleName.IsDnsLabel(name)
        && value is JsonObject entry
        && entry["url"] is JsonValue url && url.TryGetValue<string>(out var address)
        && address.StartsWith(LocalUrlPrefix, StringComparison.Ordinal)
        && address.EndsWith("/mcp", StringComparison.Ordinal);
}
