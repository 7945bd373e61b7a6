using System.Net.Http.Headers;
using System.Security.Cryptography;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>
/// The whole Edge path with real parts: a workspace from the real templates, `mcpops add --edge-only`,
/// npm install and `npm run build:edge`, `mcpops supabase deploy` through the real
/// @supabase/mcp-server-supabase 0.13.0 (stdio) to the Management API stand-in and again with --hosted
/// (the same package over Streamable HTTP), then exactly the files the stand-in received served by
/// Deno 2.1 behind its /functions/v1/&lt;name&gt; gateway, and the module's tools called through it with the official C# SDK client over /mcp and /sse with the anon key, and
/// devops-ci's edge smoke test run against it.
/// Slow (npm install): needs Node.js, the npm registry, tests/validators/supabase-stand-in and
/// tests/validators/deno installed.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class EdgeDeployEndToEndTests(TemplatePack pack) : IDisposable
{
    private const string AnonKey = "eyJhbGciOiJIUzI1NiJ9.e2e-anon-key.not-a-secret";

    private static readonly string Deno = Path.Combine(RepositoryPaths.Root, "tests", "validators", "deno", "node_modules", "deno-2.1", "deno");

    private readonly TempDirectory temp = new("mcpops-edge-e2e");

    [Fact]
    public async Task A_generated_edge_module_deploys_through_the_Supabase_MCP_server_and_its_tools_answer_behind_the_gateway()
    {
        Assert.True(File.Exists(Deno), $"{Deno} is missing: npm ci --prefix tests/validators/deno");
        var root = await GeneratedWorkspaces.GenerateAsync(pack, temp);
        GeneratedWorkspaces.Add(pack, root, "alerts", "--edge-only");
        Assert.False(File.Exists(Path.Combine(root, "modules/alerts/mcp/Dockerfile")), "--edge-only wrote container files");
        Assert.Contains("[functions.alerts]", File.ReadAllText(Path.Combine(root, "supabase/config.toml")));
        (await ProcessRunner.RunAsync("npm", ["install", "--no-audit", "--no-fund"], root, timeout: TimeSpan.FromMinutes(8))).EnsureSuccess();
        (await ProcessRunner.RunAsync("npm", ["run", "build:edge", "-w", "modules/alerts/mcp"], root, timeout: TimeSpan.FromMinutes(4))).EnsureSuccess();
        var bundle = await File.ReadAllBytesAsync(Path.Combine(root, "modules/alerts/mcp/dist/edge/index.js"));

        using var standIn = new SupabaseApiStandIn(root, Deno, AnonKey);
        var deploy = CliRun.In(root, standIn.Environment(), "supabase", "deploy", "alerts", "--project-ref", SupabaseApiStandIn.ProjectRef);

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var received = Assert.Single(standIn.Deploys());
        Assert.Equal("alerts", (string?)received["metadata"]!["name"]);
        Assert.Equal("index.js", (string?)received["metadata"]!["entrypoint_path"]);
        Assert.False((bool)received["metadata"]!["verify_jwt"]!);
        var file = Assert.Single(received["files"]!.AsArray())!;
        Assert.Equal(("index.js", bundle.Length, Convert.ToHexStringLower(SHA256.HashData(bundle))), ((string)file["name"]!, (int)file["size"]!, (string)file["sha256"]!));
        Assert.True(bundle.Length < 20 * 1024 * 1024);

        // The same module redeployed with --hosted (the package's Streamable HTTP mode standing in for
        // mcp.supabase.com): version 2, the same file; the tools below answer from that version.
        using (var hosted = new HostedSupabaseMcpServer(standIn))
        {
            var redeploy = CliRun.In(root, standIn.HostedEnvironment(hosted.Url), "supabase", "deploy", "alerts", "--hosted", "--project-ref", SupabaseApiStandIn.ProjectRef);
            Assert.True(redeploy.ExitCode == 0, redeploy + "\n--- hosted server ---\n" + hosted.Log);
            Assert.Contains("deployed alerts version 2 (ACTIVE)", redeploy.Output);
        }

        Assert.Equal(received.ToJsonString(), standIn.Deploys()[1].ToJsonString());

        var function = new Uri($"{standIn.Url}/functions/v1/alerts/");
        foreach (var (mode, path) in new[] { (HttpTransportMode.StreamableHttp, "mcp"), (HttpTransportMode.Sse, "sse") })
        {
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(function, path),
                TransportMode = mode,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + AnonKey },
            }));
            var tools = await client.ListToolsAsync();
            Assert.Contains(tools, t => t.Name == "echo");
            var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "through the gateway" });
            Assert.True(result.IsError != true, $"{path}: echo failed");
            Assert.Contains("through the gateway", string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        }

        // The generated post-deploy smoke test (devops-ci) passes against the deployed function.
        var smokeTest = Path.Combine(RepositoryPaths.Root, "templates", "devops-ci", "scripts", "edge-smoke-test.mjs");
        var smoke = await ProcessRunner.RunAsync("node", [smokeTest, $"{standIn.Url}/functions/v1/alerts"], root, timeout: TimeSpan.FromMinutes(2), environment: new Dictionary<string, string> { ["SUPABASE_ANON_KEY"] = AnonKey });
        Assert.True(smoke.ExitCode == 0, smoke.Output);
        Assert.Contains("first /sse event: endpoint /functions/v1/alerts/messages", smoke.Output);
        Assert.Contains("smoke test passed", smoke.Output);
        Assert.DoesNotContain(AnonKey, smoke.Output);

        using var http = new HttpClient();
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, new Uri(function, "mcp")) { Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", new MediaTypeHeaderValue("application/json")) };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.SendAsync(anonymous)).StatusCode);
    }

    public void Dispose() => temp.Dispose();
}
