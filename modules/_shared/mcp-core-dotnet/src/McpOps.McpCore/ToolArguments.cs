using System.Text.Json;

namespace McpOps.McpCore;

/// <summary>
/// Checks a tools/call's arguments against the tool's input schema before the SDK binds them, so a missing or
/// wrong-typed argument gets a tool error naming the field (as the TypeScript runtime's zod check does) instead
/// of the SDK's "An error occurred invoking" and an ERROR log with a stack trace: bad input is the caller's
/// mistake, not the server's. Checks presence and JSON type only; the tool checks ranges and meaning.
/// </summary>
internal static class ToolArguments
{
    public static string? Problem(string tool, JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var problems = new List<string>();
        if (inputSchema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.GetString() is { } field && (arguments is null || !arguments.ContainsKey(field)))
                {
                    problems.Add($"\"{field}\" is required");
                }
            }
        }

        if (arguments is not null && inputSchema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var (field, value) in arguments)
            {
                if (properties.TryGetProperty(field, out var schema) && ExpectedTypes(schema) is { Count: > 0 } expected && !expected.Any(type => Matches(type, value)))
                {
                    problems.Add($"\"{field}\" must be {string.Join(" or ", expected.Select(Article))}, got {Describe(value)}");
                }
            }
        }

        return problems.Count == 0 ? null : $"Invalid arguments for tool \"{tool}\": {string.Join("; ", problems)}.";
    }

    private static List<string> ExpectedTypes(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList(),
            _ => [],
        };
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Article(string type) => type is "integer" or "array" or "object" ? $"an {type}" : $"a {type}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
