using System.Security.Cryptography;
using System.Text;
using McpOps.Cli.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>
/// `mcpops supabase deploy` end to end: the official C# SDK client, the real
/// @supabase/mcp-server-supabase 0.13.0 over stdio, and the stand-in Management API it calls
/// (--api-url). What the API receives is asserted: the requests in order, name, entrypoint,
/// verify_jwt and exactly one file, byte for byte.
/// </summary>
public sealed class SupabaseDeployTests
{
    internal const string Bundle = "// bundled by esbuild\nconst tools = [\"echo\"];\nDeno.serve((req) => new Response(JSON.stringify(tools)));\n";

    /// <summary>What --dry-run prints for <see cref="Bundle"/> as the alerts module's bundle: the exact tool arguments.</summary>
    internal static readonly string DryRunArguments = $$"""
        {
          "name": "alerts",
          "entrypoint_path": "index.js",
          "verify_jwt": false,
          "files": [
            {
              "name": "index.js",
              "content": "<modules/alerts/mcp/dist/edge/index.js: {{Encoding.UTF8.GetByteCount(Bundle)}} bytes, sha256 {{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Bundle)))}}>"
            }
          ]
        }
        """;

    [Fact]
    public void Deploys_the_bundle_through_the_Supabase_MCP_server_and_the_API_receives_exactly_it()
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);

        var result = CliRun.In(standIn.Workspace, standIn.Environment(), "supabase", "deploy", "alerts", "--project-ref", SupabaseApiStandIn.ProjectRef);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"deployed alerts version 1 (ACTIVE): https://{SupabaseApiStandIn.ProjectRef}.supabase.co/functions/v1/alerts", result.Output);
        var requests = standIn.Requests();
        Assert.Equal(
            [$"GET /v1/projects/{SupabaseApiStandIn.ProjectRef}/functions/alerts", $"POST /v1/projects/{SupabaseApiStandIn.ProjectRef}/functions/deploy?slug=alerts"],
            requests.Select(r => $"{r["method"]} {r["path"]}{r["query"]}"));
        Assert.StartsWith("multipart/form-data; boundary=", (string?)requests[1]["contentType"]);
        var deploy = Assert.Single(standIn.Deploys());
        var metadata = deploy["metadata"]!.AsObject();
        Assert.Equal("alerts", (string?)metadata["name"]);
        Assert.Equal("index.js", (string?)metadata["entrypoint_path"]);
        Assert.False((bool)metadata["verify_jwt"]!);
        Assert.False(metadata.ContainsKey("import_map_path"));
        var file = Assert.Single(deploy["files"]!.AsArray())!;
        Assert.Equal("index.js", (string?)file["name"]);
        Assert.Equal(Encoding.UTF8.GetByteCount(Bundle), (int)file["size"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Bundle))), (string?)file["sha256"]);
        Assert.Equal(Bundle, File.ReadAllText(Path.Combine(standIn.State, "functions", "alerts", "index.js")));

        // The token reached the server through its environment only: not in argv, not in any output.
        var argv = File.ReadAllText(standIn.ArgvLog);
        Assert.Contains($"-y @supabase/mcp-server-supabase@0.13.0 --project-ref {SupabaseApiStandIn.ProjectRef} --features functions --api-url {standIn.Url}", argv);
        Assert.Contains("token-in-environment", argv);
        Assert.DoesNotContain(SupabaseApiStandIn.Token, argv);
        Assert.DoesNotContain(SupabaseApiStandIn.Token, result.Output + result.Error);

        // A redeploy of an existing function reads it first (GET, then its body), then makes version 2.
        var again = CliRun.In(standIn.Workspace, standIn.Environment(), "supabase", "deploy", "alerts", "--project-ref", SupabaseApiStandIn.ProjectRef);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("deployed alerts version 2 (ACTIVE)", again.Output);
    }

    [Fact]
    public void A_token_the_API_refuses_is_a_clear_error_naming_the_token()
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);

        var result = CliRun.In(standIn.Workspace, standIn.Environment(token: "sbp_wrong"), "supabase", "deploy", "alerts", "--project-ref", SupabaseApiStandIn.ProjectRef);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Supabase refused `deploy_edge_function`: ", result.Error);
        Assert.Contains("access token", result.Error);
        Assert.Empty(standIn.Deploys());
    }

    [Fact]
    public void Dry_run_prints_the_exact_arguments_with_contents_abbreviated_and_needs_no_token()
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);

        var result = CliRun.In(standIn.Workspace, new Dictionary<string, string>(), "supabase", "deploy", "alerts", "--dry-run", "--project-ref", SupabaseApiStandIn.ProjectRef);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(DryRunArguments, result.Output);
        Assert.Contains($"npx -y @supabase/mcp-server-supabase@0.13.0 --project-ref {SupabaseApiStandIn.ProjectRef} --features functions", result.Output);
        Assert.False(File.Exists(standIn.ArgvLog), "a dry run started the server");
        Assert.Empty(standIn.Requests());
    }

    [Theory]
    [InlineData("missing-bundle", "dist/edge/index.js not found", "npm run build:edge -w modules/alerts/mcp")]
    [InlineData("stale-bundle", "is older than modules/alerts/mcp/package.json", "npm run build:edge -w modules/alerts/mcp")]
    [InlineData("relative-import", "is not self-contained: it imports `./tools/echo.js`", "npm run build:edge")]
    [InlineData("no-token", "SUPABASE_ACCESS_TOKEN is not set", "never takes it on the command line")]
    [InlineData("no-ref", "no Supabase project ref", "SUPABASE_PROJECT_REF")]
    [InlineData("bad-ref", "'Not-A-Ref' is not a Supabase project ref", "20 lowercase letters")]
    [InlineData("container-module", "modules/billing/mcp has no edge target", "mcpops edge enable billing")]
    [InlineData("unknown-module", "no module 'nope' (modules with the edge target: alerts)", "alerts")]
    public void Bad_input_is_refused_before_any_call_with_the_fix(string situation, string expected, string fix)
    {
        using var standIn = new SupabaseApiStandIn();
        var module = situation switch { "container-module" => "billing", "unknown-module" => "nope", _ => "alerts" };
        if (situation != "missing-bundle")
        {
            standIn.WriteBundle("alerts", situation == "relative-import" ? "import { echo } from \"./tools/echo.js\";\n" + Bundle : Bundle);
        }

        if (situation == "stale-bundle")
        {
            File.SetLastWriteTimeUtc(Path.Combine(standIn.Workspace, "modules/alerts/mcp/dist/edge/index.js"), DateTime.UtcNow.AddHours(-1));
        }

        var environment = standIn.Environment(token: situation == "no-token" ? null : SupabaseApiStandIn.Token);
        string[] args = situation switch
        {
            "no-ref" => ["supabase", "deploy", module],
            "bad-ref" => ["supabase", "deploy", module, "--project-ref", "Not-A-Ref"],
            _ => ["supabase", "deploy", module, "--project-ref", SupabaseApiStandIn.ProjectRef],
        };

        var result = CliRun.In(standIn.Workspace, environment, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains(fix, result.Error);
        Assert.False(File.Exists(standIn.ArgvLog), "the server was started for input that was refused");
    }
}
