using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpModuleName.Mcp.Tools;

/// <summary>Round-trip check for clients and deploy smoke tests.</summary>
[McpServerToolType]
public static class EchoTool
{
    private const int MaxLength = 10_000;

    [McpServerTool(Name = "echo", Title = "Echo", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Returns the given text unchanged. Useful to check that the server is reachable.")]
    public static string Echo([Description("Text to send back")] string text)
    {
        // Validate every input here, before doing any work: the message reaches the model as a tool error.
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            throw new McpException($"text must be between 1 and {MaxLength} characters long.");
        }

        return text;
    }
}
