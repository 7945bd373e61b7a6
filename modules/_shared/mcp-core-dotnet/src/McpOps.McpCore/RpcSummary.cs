using System.Buffers;
using System.Text.Json;

namespace McpOps.McpCore;

/// <summary>
/// What the request log line says about a JSON-RPC payload: the method(s) and the called tool's name.
/// It scans the body in place (Kestrel's buffered pipe, no copy, no document) and gives up quietly on
/// malformed JSON, which the SDK answers itself.
/// </summary>
internal static class RpcSummary
{
    public static (string? RpcMethod, string? Tool) Describe(ReadOnlySequence<byte> body)
    {
        // A small body arrives in one segment, and the span reader is much faster than the sequence one.
        var reader = body.IsSingleSegment ? new Utf8JsonReader(body.FirstSpan) : new Utf8JsonReader(body);
        string? methods = null;
        string? tool = null;
        try
        {
            if (!reader.Read())
            {
                return (null, null);
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // A batch: every message's method, in order.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    DescribeMessage(ref reader, ref methods, ref tool);
                }
            }
            else
            {
                DescribeMessage(ref reader, ref methods, ref tool);
            }
        }
        catch (JsonException)
        {
            // Keep what was read before the malformed part.
        }

        return (methods, tool);
    }

    private static void DescribeMessage(ref Utf8JsonReader reader, ref string? methods, ref string? tool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        string? method = null;
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMethod = reader.ValueTextEquals("method"u8);
            var isParams = !isMethod && reader.ValueTextEquals("params"u8);
            reader.Read();
            if (isMethod && reader.TokenType == JsonTokenType.String)
            {
                method = reader.GetString();
            }
            else if (isParams && reader.TokenType == JsonTokenType.StartObject)
            {
                name = ReadName(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (method is null)
        {
            return;
        }

        methods = methods is null ? method : $"{methods},{method}";
        if (method == "tools/call" && tool is null)
        {
            tool = name;
        }
    }

    /// <summary>params.name, leaving the reader on the end of the params object.</summary>
    private static string? ReadName(ref Utf8JsonReader reader)
    {
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                name = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }
}
