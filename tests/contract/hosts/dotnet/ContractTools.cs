using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpOps.Contract.DotnetHost;

/// <summary>Probe tools every runtime's contract host serves under the same names and arguments.</summary>
[McpServerToolType]
public static class ContractTools
{
    /// <summary>Ignores cancellation on purpose: the drain case needs a call that only time ends.</summary>
    [McpServerTool(Name = "slow"), Description("Waits the given number of milliseconds, ignoring cancellation.")]
    public static async Task<string> Slow([Description("Milliseconds to wait")] int ms)
    {
        await Task.Delay(ms, CancellationToken.None);
        return $"done after {ms} ms";
    }

    [McpServerTool(Name = "fail"), Description("Always throws: an unexpected failure inside a tool.")]
    public static string Fail() => throw new InvalidOperationException("kaboom");
}
