using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using McpOps.Cli.Supabase;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>
/// `mcpops supabase deploy --hosted` end to end: the official C# SDK client over Streamable HTTP to
/// <see cref="HostedSupabaseMcpServer"/> (the real @supabase/mcp-server-supabase 0.13.0 in its `--http`
/// mode: token from the Authorization header, scope from the query), which calls the Management API
/// stand-in with that token. What the API receives is asserted as in <see cref="SupabaseDeployTests"/>.
/// </summary>
public sealed class SupabaseHostedDeployTests
{
    private const string Bundle = SupabaseDeployTests.Bundle;

    private static readonly string[] Deploy = ["supabase", "deploy", "alerts", "--hosted", "--project-ref", SupabaseApiStandIn.ProjectRef];

    [Fact]
    public void Deploys_through_the_hosted_server_with_the_token_only_in_the_Authorization_header()
    {
        using var standIn = new SupabaseApiStandIn();
        using var hosted = new HostedSupabaseMcpServer(standIn);
        standIn.WriteBundle("alerts", Bundle);

        var result = CliRun.In(standIn.Workspace, standIn.HostedEnvironment(hosted.Url), Deploy);

        Assert.True(result.ExitCode == 0, result + "\n--- hosted server ---\n" + hosted.Log);
        Assert.Contains("through the hosted Supabase MCP server", result.Error);
        Assert.Contains($"deployed alerts version 1 (ACTIVE): https://{SupabaseApiStandIn.ProjectRef}.supabase.co/functions/v1/alerts", result.Output);
        Assert.Equal(
            [$"GET /v1/projects/{SupabaseApiStandIn.ProjectRef}/functions/alerts", $"POST /v1/projects/{SupabaseApiStandIn.ProjectRef}/functions/deploy?slug=alerts"],
            standIn.Requests().Select(r => $"{r["method"]} {r["path"]}{r["query"]}"));
        Assert.All(standIn.Requests(), r => Assert.True((bool)r["authorized"]!, "the header's token did not reach the Management API"));
        var deploy = Assert.Single(standIn.Deploys());
        Assert.Equal(SupabaseApiStandIn.ProjectRef, (string?)deploy["ref"]);
        var metadata = deploy["metadata"]!.AsObject();
        Assert.Equal("alerts", (string?)metadata["name"]);
        Assert.Equal("index.js", (string?)metadata["entrypoint_path"]);
        Assert.False((bool)metadata["verify_jwt"]!);
        var file = Assert.Single(deploy["files"]!.AsArray())!;
        Assert.Equal("index.js", (string?)file["name"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Bundle))), (string?)file["sha256"]);
        Assert.Equal(Bundle, File.ReadAllText(Path.Combine(standIn.State, "functions", "alerts", "index.js")));

        // The call went through the HTTP server (its request log names the tool and mcpops as the
        // client), no local server was started, and the token is in no output and no log.
        Assert.Contains("tools/call deploy_edge_function", hosted.Log);
        Assert.Contains("mcpops/", hosted.Log);
        Assert.False(File.Exists(standIn.ArgvLog), "--hosted started the local server through npx");
        Assert.DoesNotContain(SupabaseApiStandIn.Token, result.Output + result.Error + hosted.Log);
    }

    [Fact]
    public void A_token_the_API_refuses_is_a_clear_error_and_leaves_the_workspace_unchanged()
    {
        using var standIn = new SupabaseApiStandIn();
        using var hosted = new HostedSupabaseMcpServer(standIn);
        standIn.WriteBundle("alerts", Bundle);
        var changes = TreeChanges.Record(standIn.Workspace);

        var result = CliRun.In(standIn.Workspace, standIn.HostedEnvironment(hosted.Url, token: "sbp_wrong"), Deploy);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Supabase refused `deploy_edge_function`: ", result.Error);
        Assert.Contains("access token", result.Error);
        Assert.Empty(changes.Since());
        Assert.Empty(standIn.Deploys());

        // The header's token is what reached the Management API (which refused it): the server passes it on.
        var refused = standIn.Requests();
        Assert.Contains(refused, r => (string?)r["path"] == $"/v1/projects/{SupabaseApiStandIn.ProjectRef}/functions/alerts");
        Assert.All(refused, r => Assert.False((bool)r["authorized"]!));
        Assert.DoesNotContain("sbp_wrong", result.Output + result.Error + hosted.Log);
    }

    [Fact]
    public void An_unreachable_hosted_server_is_a_clear_error_naming_its_URL()
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);
        var changes = TreeChanges.Record(standIn.Workspace);
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}/mcp";
        closed.Stop();

        var result = CliRun.In(standIn.Workspace, standIn.HostedEnvironment(url), Deploy);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the hosted Supabase MCP server ({url}) could not be reached", result.Error);
        Assert.Contains("deploy without --hosted", result.Error);
        Assert.DoesNotContain(SupabaseApiStandIn.Token, result.Output + result.Error);
        Assert.Empty(changes.Since());
        Assert.Empty(standIn.Requests());
    }

    [Fact]
    public void A_hosted_server_that_refuses_the_token_when_connecting_is_a_clear_error_naming_the_token()
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);
        var changes = TreeChanges.Record(standIn.Workspace);

        // The Management API stand-in answers 401 to any other token, as a hosted server may at initialize.
        var result = CliRun.In(standIn.Workspace, standIn.HostedEnvironment($"{standIn.Url}/mcp", token: "sbp_wrong"), Deploy);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the hosted Supabase MCP server ({standIn.Url}/mcp) refused the access token", result.Error);
        Assert.Contains("check SUPABASE_ACCESS_TOKEN", result.Error);
        Assert.DoesNotContain("sbp_wrong", result.Output + result.Error);
        Assert.Empty(changes.Since());
        Assert.Empty(standIn.Deploys());
    }

    [Fact]
    public async Task The_hosted_stand_in_refuses_a_request_without_a_bearer_token_as_the_hosted_server_does()
    {
        using var standIn = new SupabaseApiStandIn();
        using var hosted = new HostedSupabaseMcpServer(standIn);
        using var http = new HttpClient();
        using var initialize = new HttpRequestMessage(HttpMethod.Post, $"{hosted.Url}?project_ref={SupabaseApiStandIn.ProjectRef}&features=functions")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", new MediaTypeHeaderValue("application/json")),
        };
        initialize.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await http.SendAsync(initialize);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(standIn.Requests());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dry_run_hosted_prints_the_server_URL_and_the_exact_arguments_without_a_token(bool custom)
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);
        var server = custom ? "https://mcp.example.test/mcp" : "https://mcp.supabase.com/mcp";
        var environment = custom ? new Dictionary<string, string> { [SupabaseServer.HostedUrlVariable] = server } : [];

        var result = CliRun.In(standIn.Workspace, environment, [.. Deploy, "--dry-run"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"would call deploy_edge_function on {server}?project_ref={SupabaseApiStandIn.ProjectRef}&features=functions (SUPABASE_ACCESS_TOKEN in its Authorization header) with:", result.Output);
        Assert.Contains(SupabaseDeployTests.DryRunArguments, result.Output);
        Assert.Empty(standIn.Requests());
    }

    [Theory]
    [InlineData("http://mcp.example.test/mcp", true, "http only for localhost")]
    [InlineData("https://mcp.example.test/mcp?project_ref=x", true, "without a query")]
    [InlineData("mcp.example.test", true, "is not a Supabase MCP server URL")]
    [InlineData("https://mcp.example.test/mcp", false, "add --hosted or unset MCPOPS_SUPABASE_MCP_URL")]
    public void A_bad_hosted_server_override_is_refused_before_any_call(string url, bool hosted, string expected)
    {
        using var standIn = new SupabaseApiStandIn();
        standIn.WriteBundle("alerts", Bundle);
        var changes = TreeChanges.Record(standIn.Workspace);
        var environment = standIn.HostedEnvironment(url);
        string[] args = hosted ? Deploy : ["supabase", "deploy", "alerts", "--project-ref", SupabaseApiStandIn.ProjectRef];

        var result = CliRun.In(standIn.Workspace, environment, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains(SupabaseServer.HostedUrlVariable, result.Error);
        Assert.Empty(changes.Since());
        Assert.False(File.Exists(standIn.ArgvLog), "the local server was started for input that was refused");
        Assert.Empty(standIn.Requests());
    }
}
