using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpModuleName.Mcp.Tools;

/// <summary>
/// Example of a typed tool with several arguments and a structured result. Missing or wrong-typed arguments are
/// answered by mcp-core with a tool error naming the field; the tool checks what the types cannot say (finite
/// numbers) and rejects a result JSON cannot carry (1e308 + 1e308 is Infinity) instead of failing to serialize
/// it. McpException messages reach the client as they are; any other exception is reported as a failure.
/// </summary>
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

        var sum = a + b;
        if (!double.IsFinite(sum))
        {
            throw new McpException($"The sum of {a} and {b} is too large: it is not a finite number.");
        }

        return new AddResult(sum);
    }

    /// <summary>The structured result: <c>{"sum": ...}</c>.</summary>
    public sealed record AddResult([property: Description("a + b")] double Sum);
}
