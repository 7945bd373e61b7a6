using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpModuleName.Mcp.Tools;

/// <summary>Example of a typed tool with several arguments and a structured result.</summary>
[McpServerToolType]
public static class AddTool
{
    [McpServerTool(Name = "add", Title = "Add numbers", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Adds two finite numbers and returns the sum.")]
    public static AddResult Add([Description("First addend")] double a, [Description("Second addend")] double b)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            throw new McpException("a and b must be finite numbers.");
        }

        return new AddResult(a + b);
    }

    /// <summary>The structured result: <c>{"sum": ...}</c>.</summary>
    public sealed record AddResult([property: Description("a + b")] double Sum);
}
