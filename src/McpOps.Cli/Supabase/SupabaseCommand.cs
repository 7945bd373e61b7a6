using System.CommandLine;
using System.Text.Json;
using McpOps.Cli.Commands;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Supabase;

/// <summary>
/// `mcpops supabase deploy &lt;module&gt; [--dry-run] [--project-ref REF] [--hosted]`: deploys a module's
/// Edge Function only through the Supabase MCP server's `deploy_edge_function` tool (never `supabase
/// functions deploy`), as an MCP client of the pinned local server (stdio) or the hosted one. Nothing in
/// the workspace is written.
/// </summary>
internal static class SupabaseCommand
{
    public static Command Create(CliContext context)
    {
        var module = new Argument<string>("module") { Description = "The module whose Edge Function to deploy (it has the edge target; its bundle is built)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the bundle and print the exact deploy_edge_function arguments (file contents as size and SHA-256) without starting the server; needs no access token." };
        var projectRef = new Option<string?>("--project-ref") { Description = $"The Supabase project ref (20 letters). Default: {SupabaseServer.ProjectRefVariable}.", HelpName = "REF" };
        var hosted = new Option<bool>("--hosted") { Description = $"Use the hosted Supabase MCP server ({SupabaseServer.HostedUrl}, Streamable HTTP) instead of the pinned {SupabaseServer.Package} over stdio. {SupabaseServer.HostedUrlVariable} points it at a self-hosted or test server." };
        var deploy = new Command("deploy", $"Deploy a module's Edge Function through the Supabase MCP server: checks modules/<name>/mcp/dist/edge/index.js (built by `npm run build:edge`, newer than its sources, under 20 MB, self-contained), then calls deploy_edge_function with name, entrypoint_path index.js, verify_jwt from mcpops.module.json and that one file. The access token comes from {SupabaseServer.AccessTokenVariable} only and goes to the server's environment (stdio) or Authorization header (--hosted), never its command line.")
        {
            module,
            dryRun,
            projectRef,
            hosted,
        };
        deploy.SetAction(parseResult => Deploy(
            context,
            parseResult.GetValue(module)!,
            parseResult.GetValue(dryRun),
            parseResult.GetValue(projectRef),
            parseResult.GetValue(hosted)));
        return new Command("supabase", "Supabase Edge Functions: deploy through the Supabase MCP server.")
        {
            deploy,
        };
    }

    public static int Deploy(CliContext context, string name, bool dryRun, string? projectRef, bool hosted)
    {
        try
        {
            var session = WorkspaceSession.Open(context);
            var workspace = Workspace.Read(session.Tree);
            var module = workspace.Modules.FirstOrDefault(m => m.Name == name)
                ?? throw new SupabaseException($"no module '{name}' (modules with the edge target: {string.Join(", ", workspace.Modules.Where(m => m.IsEdge).Select(m => m.Name).DefaultIfEmpty("none"))}).");
            if (!module.IsEdge)
            {
                throw new SupabaseException($"{module.Folder} has no edge target (\"targets\" in its {ModuleMetadata.FileName}): `{McpOpsCli.Name} edge enable {name}` adds it.");
            }

            var request = EdgeDeployRequest.For(module, EdgeBundle.Read(session.Disk.Root, module));
            var npx = context.Environment(SupabaseServer.NpxVariable) is { Length: > 0 } custom ? custom : "npx";
            if (dryRun)
            {
                var hostedServer = SupabaseServer.HostedServer(hosted, context.Environment);
                var server = projectRef is null && context.Environment(SupabaseServer.ProjectRefVariable) is null or "" ? null : SupabaseServer.Resolve(projectRef, hosted, context.Environment);
                context.Output.WriteLine($"would call {EdgeDeployRequest.Tool} on {server?.Describe(npx) ?? (hosted ? hostedServer : $"{npx} -y {SupabaseServer.Package} --project-ref <ref> --features functions")} ({SupabaseServer.AccessTokenVariable} in its {(hosted ? "Authorization header" : "environment")}) with:");
                context.Output.WriteLine(request.Describe());
                context.Output.WriteLine($"function URL: {server?.FunctionUrl(request.Name) ?? $"https://<ref>.supabase.co/functions/v1/{request.Name}"}");
                return ExitCodes.Ok;
            }

            var target = SupabaseServer.Resolve(projectRef, hosted, context.Environment);
            var token = SupabaseServer.AccessToken(context.Environment);
            context.Error.WriteLine($"{name}: deploying function '{request.Name}' ({request.Bundle.Size:N0} bytes, sha256 {request.Bundle.Sha256[..12]}, verify_jwt {(request.VerifyJwt ? "true" : "false")}) to project {target.ProjectRef} through {(hosted ? "the hosted" : "the local")} Supabase MCP server");
            var result = DeployAsync(target, token, npx, session.Disk.Root, request).GetAwaiter().GetResult();
            context.Output.WriteLine($"deployed {request.Name}{result}: {target.FunctionUrl(request.Name)}");
            context.Output.WriteLine($"smoke test: curl -N -H \"Authorization: Bearer $SUPABASE_ANON_KEY\" {target.FunctionUrl(request.Name)}/sse (first event: endpoint)");
            return ExitCodes.Ok;
        }
        catch (SupabaseException ex)
        {
            context.Error.WriteLine($"{McpOpsCli.Name}: error: {ex.Message}");
            return ExitCodes.InputError;
        }
    }

    private static async Task<string> DeployAsync(SupabaseServer server, string token, string npx, string root, EdgeDeployRequest request)
    {
        var client = await SupabaseMcpClient.StartAsync(server, token, npx, root, CancellationToken.None).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var result = await client.CallAsync(EdgeDeployRequest.Tool, request.Arguments(), CancellationToken.None).ConfigureAwait(false);
            return Summary(result.StructuredContent ?? ParseText(SupabaseMcpClient.Text(result)));
        }
    }

    private static JsonElement? ParseText(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>" version 3 (ACTIVE)" from the tool's structured result (an Edge Function object), or "".</summary>
    private static string Summary(JsonElement? function)
    {
        if (function is not { ValueKind: JsonValueKind.Object } value)
        {
            return "";
        }

        var version = value.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? $" version {v.GetRawText()}" : "";
        var status = value.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? $" ({s.GetString()})" : "";
        return version + status;
    }
}
