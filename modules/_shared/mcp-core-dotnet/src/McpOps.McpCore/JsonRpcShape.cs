using System.Buffers;
using System.Text.Json;

namespace McpOps.McpCore;

/// <summary>What is wrong with a request body, as the JSON-RPC error the client gets (HTTP 400).</summary>
internal sealed record JsonRpcProblem(int Code, string Message, JsonElement? Id);

/// <summary>
/// Checks the shape of a POSTed JSON-RPC body before the SDK sees it, so both runtimes answer malformed
/// requests alike: invalid JSON -32700, not JSON-RPC 2.0 -32600, params that are not an object or an
/// `initialize` without `protocolVersion` -32602 (the SDK answers some of these with -32600 or an internal
/// error). It also reports the revision an `initialize` asks for. One forward pass, no document.
/// </summary>
internal static class JsonRpcShape
{
    public static (JsonRpcProblem? Problem, string? InitializeVersion) Check(ReadOnlySequence<byte> body)
    {
        // Deeply nested JSON is still JSON: it is refused for its shape (-32600), as the TypeScript runtime does.
        var options = new JsonReaderOptions { MaxDepth = 100_000 };
        var reader = body.IsSingleSegment ? new Utf8JsonReader(body.FirstSpan, options) : new Utf8JsonReader(body, options);
        try
        {
            if (!reader.Read())
            {
                // An empty or blank body is no JSON at all.
                return (new JsonRpcProblem(-32700, "Parse error: invalid JSON.", null), null);
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    count++;
                    var (problem, _) = CheckMessage(ref reader);
                    if (problem is not null)
                    {
                        return (problem with { Id = null }, null);
                    }
                }

                // initialize is never part of a batch: no revision to report.
                return count == 0 ? (Invalid(null), null) : (null, null);
            }

            var single = CheckMessage(ref reader);
            return reader.Read() ? (Invalid(null), null) : single;
        }
        catch (JsonException)
        {
            return (new JsonRpcProblem(-32700, "Parse error: invalid JSON.", null), null);
        }
    }

    private static (JsonRpcProblem? Problem, string? InitializeVersion) CheckMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (Invalid(null), null);
        }

        var isJsonRpc = false;
        string? method = null;
        var paramsKind = JsonTokenType.None;
        var parameters = default(Parameters);
        JsonElement? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("jsonrpc"u8))
            {
                reader.Read();
                isJsonRpc = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType is JsonTokenType.String or JsonTokenType.Number ? JsonElement.ParseValue(ref reader) : null;
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                paramsKind = reader.TokenType;
                if (paramsKind == JsonTokenType.StartObject)
                {
                    parameters = ReadParameters(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!isJsonRpc)
        {
            return (Invalid(id), null);
        }

        if (method is null)
        {
            // A response or notification without a method: the SDK's business.
            return (null, null);
        }

        if (paramsKind is not (JsonTokenType.None or JsonTokenType.StartObject))
        {
            return (new JsonRpcProblem(-32602, $"Invalid params: \"{method}\" params must be an object.", id), null);
        }

        if (method == "tools/call" && parameters.NameKind != JsonTokenType.String)
        {
            return (new JsonRpcProblem(-32602, "Invalid params: tools/call needs params.name, the tool's name as a string.", id), null);
        }

        if (method == "tools/call" && parameters.ArgumentsKind is not (JsonTokenType.None or JsonTokenType.StartObject))
        {
            return (new JsonRpcProblem(-32602, "Invalid params: tools/call params.arguments must be an object.", id), null);
        }

        if (method == "initialize")
        {
            var protocolVersion = parameters.ProtocolVersion;
            return protocolVersion is null
                ? (new JsonRpcProblem(-32602, "Invalid params: initialize needs params.protocolVersion, params.capabilities and params.clientInfo.", id), null)
                : (null, protocolVersion);
        }

        return (null, null);
    }

    /// <summary>What the checks need from params, leaving the reader on the end of the params object.</summary>
    private static Parameters ReadParameters(ref Utf8JsonReader reader)
    {
        var parameters = default(Parameters);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("protocolVersion"u8);
            var isName = !isVersion && reader.ValueTextEquals("name"u8);
            var isArguments = !isVersion && !isName && reader.ValueTextEquals("arguments"u8);
            reader.Read();
            if (isVersion && reader.TokenType == JsonTokenType.String)
            {
                parameters = parameters with { ProtocolVersion = reader.GetString() };
            }
            else if (isName)
            {
                parameters = parameters with { NameKind = reader.TokenType };
            }
            else if (isArguments)
            {
                parameters = parameters with { ArgumentsKind = reader.TokenType };
            }

            reader.Skip();
        }

        return parameters;
    }

    private readonly record struct Parameters(string? ProtocolVersion, JsonTokenType NameKind, JsonTokenType ArgumentsKind);

    private static JsonRpcProblem Invalid(JsonElement? id) => new(-32600, "Invalid Request: expected a JSON-RPC 2.0 message or batch.", id);
}
