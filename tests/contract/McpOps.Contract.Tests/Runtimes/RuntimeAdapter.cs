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

    /// <summary>
    /// The path clients put in front of MCP_BASE_PATH to reach the server: "" for a server that owns its
    /// host, "/functions/v1/&lt;function&gt;" for a Supabase Edge Function behind the API gateway.
    /// </summary>
    public virtual string PublicPathPrefix => "";

    /// <summary>The part of <see cref="PublicPathPrefix"/> the server itself sees (a gateway strips the rest); request logs show it.</summary>
    public virtual string ServedPathPrefix => "";

    /// <summary>
    /// Whether the server answers RFC 9728 metadata at /.well-known/oauth-protected-resource and names it in its
    /// 401 challenge. An Edge Function cannot: Supabase's gateway routes only /functions/v1/&lt;name&gt;/... to it.
    /// </summary>
    public virtual bool ServesProtectedResourceMetadata => true;

    /// <summary>Builds what the command needs, once per test run; throws with the fix when it cannot.</summary>
    public abstract Task EnsureBuiltAsync();

    /// <summary>The server command; its environment is cleared and set by the suite.</summary>
    public abstract ProcessStartInfo CreateStartInfo();

    public override string ToString() => Name;
}
