using System.Buffers;
using System.Text.Json.Nodes;

namespace McpOps.McpCore;

/// <summary>The protocol revisions negotiated through `initialize` (2026-07-28 has no handshake).</summary>
internal static class HandshakeRevisions
{
    public const string Latest = "2025-11-25";

    private static readonly string[] All = ["2024-11-05", "2025-03-26", "2025-06-18", Latest];

    /// <summary>A date-named revision after every handshake revision (revisions are ISO dates: they sort as text).</summary>
    public static bool IsNewerThanAll(string version) =>
        !All.Contains(version, StringComparer.Ordinal) && string.CompareOrdinal(version, Latest) > 0;

    /// <summary>The initialize request with params.protocolVersion set to <see cref="Latest"/>.</summary>
    public static byte[] AskForLatest(ReadOnlySequence<byte> body)
    {
        var message = JsonNode.Parse(body.ToArray())!;
        message["params"]!["protocolVersion"] = Latest;
        return System.Text.Encoding.UTF8.GetBytes(message.ToJsonString());
    }
}
