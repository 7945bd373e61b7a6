using System.Text.Json;

namespace McpOps.McpCore;

/// <summary>What the request log needs from a JSON-RPC payload: the method(s) and the called tool's name.</summary>
internal static class RpcSummary
{
    public static (string? RpcMethod, string? Tool) Describe(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var messages = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            var methods = new List<string>();
            string? tool = null;
            foreach (var message in messages)
            {
                if (message.ValueKind != JsonValueKind.Object ||
                    !message.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var name = method.GetString()!;
                methods.Add(name);
                if (name == "tools/call" && tool is null &&
                    message.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object &&
                    parameters.TryGetProperty("name", out var toolName) && toolName.ValueKind == JsonValueKind.String)
                {
                    tool = toolName.GetString();
                }
            }

            return (methods.Count > 0 ? string.Join(',', methods) : null, tool);
        }
        catch (JsonException)
        {
            // The SDK answers malformed JSON itself; the log just has no method.
            return (null, null);
        }
    }
}
