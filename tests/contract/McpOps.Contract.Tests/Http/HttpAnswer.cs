using System.Net;
using System.Text.Json.Nodes;

namespace McpOps.Contract.Tests.Http;

/// <summary>A complete HTTP answer: status, every header (response and content) and the body text.</summary>
public sealed record HttpAnswer(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The JSON-RPC message of the body, sent as JSON or as the first SSE `data:` of a stream.</summary>
    public JsonObject Rpc()
    {
        var text = Body.TrimStart();
        if (!text.StartsWith('{'))
        {
            text = string.Join('\n', Body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal))
                .Select(line => line["data:".Length..].Trim()).Where(data => data.StartsWith('{')).Take(1));
        }

        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"not a JSON-RPC body: {Body}");
    }

    public override string ToString() => $"{(int)Status} {string.Join("; ", Headers.Select(pair => $"{pair.Key}: {pair.Value}"))}\n{Body}";
}
