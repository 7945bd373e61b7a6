using System.Diagnostics;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>
/// How the contract starts one runtime: the command of a server process serving the contract tools (the module
/// template's echo and add, plus slow and fail). The suite sets the environment (PORT, HOST, MCP_*), reads
/// stdout, sends signals and talks HTTP; a runtime plugs in by providing this and nothing else.
/// </summary>
public abstract class RuntimeAdapter
{
    /// <summary>Short name used in test names, e.g. "typescript".</summary>
    public abstract string Name { get; }

    /// <summary>Builds what the command needs, once per test run; throws with the fix when it cannot.</summary>
    public abstract Task EnsureBuiltAsync();

    /// <summary>The server command; its environment is cleared and set by the suite.</summary>
    public abstract ProcessStartInfo CreateStartInfo();

    public override string ToString() => Name;
}
