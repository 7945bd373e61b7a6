namespace McpOps.Cli.Workspaces;

/// <summary>
/// Where a module runs: a container (Dockerfile, compose, Kubernetes, Railway, Cloud Run) or a Supabase
/// Edge Function (dist/edge/index.js under Deno). "targets" in mcpops.module.json; absent means container.
/// </summary>
internal enum ModuleTarget
{
    Container,
    Edge,
}

/// <summary>The spellings of <see cref="ModuleTarget"/> in mcpops.module.json.</summary>
internal static class ModuleTargets
{
    public const string Container = "container";
    public const string Edge = "edge";

    /// <summary>What a module without "targets" has: every module made before the Edge target.</summary>
    public static IReadOnlyList<ModuleTarget> Default { get; } = [ModuleTarget.Container];

    public static string Id(ModuleTarget target) => target == ModuleTarget.Edge ? Edge : Container;

    public static ModuleTarget? Parse(string text) => text switch
    {
        Container => ModuleTarget.Container,
        Edge => ModuleTarget.Edge,
        _ => null,
    };

    public static string Describe(IReadOnlyList<ModuleTarget> targets) => string.Join("+", targets.Select(Id));
}

/// <summary>
/// A module's Supabase Edge Function: "edge": { "function": "billing", "verifyJwt": false } in
/// mcpops.module.json. <see cref="VerifyJwt"/> is null when the file does not state it (then false is
/// deployed and written to supabase/config.toml, and check EDGE001 asks for it to be stated).
/// </summary>
internal sealed record EdgeFunction(string Name, bool? VerifyJwt)
{
    /// <summary>The gateway default is on; the function checks the key itself, so mcpops' default is off.</summary>
    public bool EffectiveVerifyJwt => VerifyJwt ?? false;

    /// <summary>The one file the function is: the module's bundle, relative to the module folder.</summary>
    public const string BundlePath = "dist/edge/index.js";

    /// <summary>The Edge entry the bundle is built from, relative to the module folder.</summary>
    public const string EntrySource = "src/edge.ts";
}
