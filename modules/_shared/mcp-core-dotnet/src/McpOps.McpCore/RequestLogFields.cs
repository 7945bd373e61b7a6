using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpOps.McpCore;

/// <summary>
/// What the request log line says about the JSON-RPC payload: the method and the called tool. The SDK
/// parses the body once; an incoming-message filter (and the legacy /messages handler) describe the parsed
/// message here, so the middleware never buffers or parses a body of its own.
/// </summary>
internal sealed class RequestLogFields
{
    // Set by the middleware for the request; the stateless SDK server runs in that request's execution
    // context, so the filter sees the same instance. Null on any other flow (an SSE stream, a probe).
    private static readonly AsyncLocal<RequestLogFields?> CurrentRequest = new();

    public static RequestLogFields? Current
    {
        get => CurrentRequest.Value;
        set => CurrentRequest.Value = value;
    }

    public string? RpcMethod { get; private set; }

    public string? Tool { get; private set; }

    public void Describe(JsonRpcMessage message)
    {
        switch (message)
        {
            case JsonRpcRequest request:
                RpcMethod = request.Method;
                if (request.Method == RequestMethods.ToolsCall &&
                    request.Params is JsonObject parameters &&
                    parameters["name"] is JsonValue name && name.TryGetValue<string>(out var tool))
                {
                    Tool = tool;
                }

                break;
            case JsonRpcNotification notification:
                RpcMethod = notification.Method;
                break;
        }
    }
}
