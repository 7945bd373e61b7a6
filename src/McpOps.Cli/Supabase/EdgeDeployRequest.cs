using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Supabase;

/// <summary>
/// The arguments of the Supabase MCP server's `deploy_edge_function` tool for one module, built in one
/// place for the call and for --dry-run: name, entrypoint_path, verify_jwt and files (one file,
/// index.js). project_id is not sent: the server is started scoped to the project (--project-ref /
/// project_ref), so the tool does not take it. import_map_path is sent only when the module has one;
/// the bundle needs none.
/// </summary>
internal sealed record EdgeDeployRequest(string Name, bool VerifyJwt, EdgeBundle Bundle)
{
    public const string Tool = "deploy_edge_function";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static EdgeDeployRequest For(ModuleInfo module, EdgeBundle bundle)
    {
        var edge = module.Edge ?? throw new SupabaseException($"{module.Folder} has no Edge target: `mcpops edge enable {module.Name}` adds it.");
        return new EdgeDeployRequest(edge.Name, edge.EffectiveVerifyJwt, bundle);
    }

    /// <summary>The tool arguments exactly as sent.</summary>
    public Dictionary<string, object?> Arguments() => new(StringComparer.Ordinal)
    {
        ["name"] = Name,
        ["entrypoint_path"] = EdgeBundle.FileName,
        ["verify_jwt"] = VerifyJwt,
        ["files"] = new JsonArray(new JsonObject { ["name"] = EdgeBundle.FileName, ["content"] = Bundle.Content }),
    };

    /// <summary>The same arguments as JSON, each file's content replaced by its size and SHA-256 (--dry-run).</summary>
    public string Describe()
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["entrypoint_path"] = EdgeBundle.FileName,
            ["verify_jwt"] = VerifyJwt,
            ["files"] = new JsonArray(new JsonObject
            {
                ["name"] = EdgeBundle.FileName,
                ["content"] = $"<{Bundle.Path}: {Bundle.Size} bytes, sha256 {Bundle.Sha256}>",
            }),
        };
        return json.ToJsonString(Indented);
    }
}
