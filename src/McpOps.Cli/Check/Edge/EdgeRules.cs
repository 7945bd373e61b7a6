using System.Text.RegularExpressions;
using McpOps.Cli.Supabase;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Edge;

/// <summary>
/// EDGE001-005: the Supabase Edge target. Per Edge module: verify_jwt stated (metadata and config.toml),
/// the function named like the module, the built bundle under 20 MB. Over every committed file: no
/// Supabase key or token; over workflows, shell scripts and npm scripts: no `supabase functions deploy`.
/// </summary>
internal sealed partial class EdgeRules : ICheckAnalyzer
{
    private const int MaxScannedBytes = 1024 * 1024;

    private static readonly (string Kind, Regex Pattern)[] KeyPatterns =
    [
        ("Supabase publishable key", PublishableKey()),
        ("Supabase secret key", SecretKey()),
        ("Supabase personal access token", AccessToken()),
        ("JWT (a legacy anon or service_role key has this shape)", Jwt()),
    ];

    public void Run(CheckContext context)
    {
        foreach (var module in context.Modules)
        {
            CheckModule(context, module);
        }

        foreach (var path in context.Files.Paths.Where(context.InScope))
        {
            var text = context.Files.Read(path);
            if (text is null || text.Length > MaxScannedBytes || text.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            ScanKeys(context, path, text);
            if (IsDeployScript(path))
            {
                ScanDeploys(context, path, text);
            }
        }
    }

    private static void CheckModule(CheckContext context, ModuleLocation module)
    {
        ModuleMetadata? metadata;
        try
        {
            metadata = context.Metadata(module);
        }
        catch (WorkspaceException)
        {
            return; // ModuleWorkspaceRules reports an unreadable mcpops.module.json.
        }

        if (metadata?.Edge is not { } edge)
        {
            return;
        }

        var lines = context.Lines(module.MetadataPath)!;
        var edgeLine = lines.Find("\"edge\"");
        if (edge.VerifyJwt is null)
        {
            context.Add(Rules.EdgeVerifyJwtStated, module.MetadataPath, edgeLine, "\"edge\" does not state \"verifyJwt\": write `\"verifyJwt\": false` (the function checks the key itself) or true.", module.Name);
        }

        if (edge.Name != module.Name)
        {
            context.Add(Rules.EdgeFunctionName, module.MetadataPath, lines.Find("\"function\"", edgeLine),
                $"the function is '{edge.Name}' but the module is '{module.Name}': its URL would be /functions/v1/{edge.Name}.", module.Name);
        }

        CheckConfig(context, module, edge);
        CheckBundle(context, module);
    }

    private static void CheckConfig(CheckContext context, ModuleLocation module, EdgeFunction edge)
    {
        var path = RootFiles.SupabaseConfig;
        if (context.Files.Read(path) is not { } text)
        {
            return;
        }

        var lines = context.Lines(path)!;
        var header = $"[functions.{module.Name}]";
        var start = Array.FindIndex(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), l => l.Trim() == header);
        if (start < 0)
        {
            if (edge.Name != module.Name && text.Contains($"[functions.{edge.Name}]", StringComparison.Ordinal))
            {
                context.Add(Rules.EdgeFunctionName, path, lines.Find($"[functions.{edge.Name}]"), $"[functions.{edge.Name}] serves module '{module.Name}': name the function like the module.", module.Name);
            }
            else
            {
                context.Add(Rules.EdgeVerifyJwtStated, path, 1, $"no {header} table, so verify_jwt is not stated for module '{module.Name}': run `mcpops sync`.", module.Name);
            }

            return;
        }

        var table = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Skip(start + 1).TakeWhile(l => !l.TrimStart().StartsWith('['));
        if (!table.Any(l => VerifyJwtKey().IsMatch(l)))
        {
            context.Add(Rules.EdgeVerifyJwtStated, path, start + 1, $"{header} does not state verify_jwt (Supabase then verifies a JWT at the gateway, which refuses sb_publishable_ keys): run `mcpops sync`.", module.Name);
        }
    }

    private static void CheckBundle(CheckContext context, ModuleLocation module)
    {
        if (context.Files.Root is not { } root)
        {
            return;
        }

        var bundle = new FileInfo(Path.Combine(root, module.Folder, EdgeFunction.BundlePath));
        if (bundle.Exists && bundle.Length > EdgeBundle.MaxBytes)
        {
            context.Add(Rules.EdgeBundleSize, $"{module.Folder}/{EdgeFunction.BundlePath}", 1,
                $"the bundle is {bundle.Length:N0} bytes, over Supabase's 20 MB limit ({EdgeBundle.MaxBytes:N0} bytes).", module.Name);
        }
    }

    private static void ScanKeys(CheckContext context, string path, string text)
    {
        foreach (var (kind, pattern) in KeyPatterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                context.Add(Rules.EdgeNoSupabaseKey, path, context.Lines(path)!.LineOf(m.Index), $"a {kind} ({m.Value[..Math.Min(12, m.Value.Length)]}...).", CheckContext.ModuleOf(path));
            }
        }
    }

    private static void ScanDeploys(CheckContext context, string path, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // A comment may say why not to; only commands count.
            if (!lines[i].TrimStart().StartsWith('#') && FunctionsDeploy().IsMatch(lines[i]))
            {
                context.Add(Rules.EdgeDeployThroughMcp, path, i + 1, "runs `supabase functions deploy`: deploy through the Supabase MCP server instead.", CheckContext.ModuleOf(path));
            }
        }
    }

    /// <summary>Workflows, shell scripts, package.json (npm scripts), Makefiles and justfiles.</summary>
    private static bool IsDeployScript(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return (path.StartsWith(".github/workflows/", StringComparison.Ordinal) && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)))
            || path.StartsWith(".github/actions/", StringComparison.Ordinal)
            || name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".bash", StringComparison.Ordinal)
            || name is "package.json" or "Makefile" or "makefile" or "justfile" or "Justfile";
    }

    [GeneratedRegex(@"\bsb_publishable_[A-Za-z0-9_-]{16,}")]
    private static partial Regex PublishableKey();

    [GeneratedRegex(@"\bsb_secret_[A-Za-z0-9_-]{16,}")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"\bsbp_[0-9a-f]{40}\b")]
    private static partial Regex AccessToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\bsupabase\s+functions\s+deploy\b")]
    private static partial Regex FunctionsDeploy();

    [GeneratedRegex(@"^\s*verify_jwt\s*=")]
    private static partial Regex VerifyJwtKey();
}
