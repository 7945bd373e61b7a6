using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpOps.Cli.Workspaces;

/// <summary>Reads and writes the workspace's JSON files; a parse error names the file, line and column.</summary>
internal static class JsonFiles
{
    private static readonly JsonDocumentOptions StrictJson = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>tsconfig.json is JSONC: comments and trailing commas are allowed.</summary>
    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonSerializerOptions PackageJsonStyle = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        // npm writes non-ASCII and HTML-sensitive characters as they are; so do we.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ParseObject(string path, string text, bool jsonc = false)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: jsonc ? Jsonc : StrictJson);
        }
        catch (JsonException ex)
        {
            throw new WorkspaceException(Describe(path, ex));
        }

        return node as JsonObject ?? throw new WorkspaceException($"{path}:1:1: expected a JSON object");
    }

    /// <summary>`path:line:column: invalid JSON (reason)` with 1-based line and column, as editors expect.</summary>
    public static string Describe(string path, JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: invalid JSON: {reason}";
    }

    /// <summary>Serialises a package.json the way npm formats it: two spaces, final newline, the file's own line endings.</summary>
    public static string ToPackageJson(JsonObject json, string originalText)
    {
        var text = json.ToJsonString(PackageJsonStyle) + "\n";
        return originalText.Contains("\r\n", StringComparison.Ordinal) ? text.ReplaceLineEndings("\r\n") : text;
    }

    public static string? GetString(JsonObject json, string property) =>
        json[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
