using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>
/// One log schema for every runtime (docs/runtime-contract.md): one JSON object per stdout line with `time`,
/// Cloud Logging's `severity`, `message`, `service`, `version`; a request line carries `httpRequest` and, when
/// the request has a trace header, `logging.googleapis.com/trace` and `logging.googleapis.com/spanId`.
/// </summary>
public sealed class LogSchemaTests
{
    private static readonly string[] Severities = ["DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL"];

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Every_line_is_a_JSON_object_with_the_common_fields_and_no_other_level_field(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);
        await contract.CallToolAsync("echo", new JsonObject { ["text"] = "x" });
        Assert.True(await contract.Server.WaitForStdoutAsync("\"message\":\"request\"", TimeSpan.FromSeconds(5)), contract.Server.Stdout);

        var lines = contract.Server.LogLines();

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.Contains((string?)line["severity"], Severities);
            Assert.True(DateTimeOffset.TryParse((string?)line["time"], out _), line.ToJsonString());
            Assert.False(string.IsNullOrEmpty((string?)line["message"]), line.ToJsonString());
            Assert.Equal("contract-host", (string?)line["service"]);
            Assert.Equal("0.0.1", (string?)line["version"]);
            Assert.False(line.ContainsKey("level"), "severity is the level: " + line.ToJsonString());
        }

        Assert.DoesNotContain(RuntimeProcess.Token, contract.Server.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_request_line_has_httpRequest_and_the_rpc_method_and_tool(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);
        await contract.Http.RpcAsync(McpHttp.CallTool("echo", new JsonObject { ["text"] = "x" }), headers: new Dictionary<string, string>(McpHttp.Era2025Headers) { ["User-Agent"] = "contract/1.0" });
        Assert.True(await contract.Server.WaitForStdoutAsync("\"message\":\"request\"", TimeSpan.FromSeconds(5)), contract.Server.Stdout);

        var line = contract.Server.LogLines().First(entry => (string?)entry["message"] == "request");

        Assert.Equal("INFO", (string?)line["severity"]);
        Assert.Equal("tools/call", (string?)line["rpcMethod"]);
        Assert.Equal("echo", (string?)line["tool"]);
        Assert.Equal(200, (int?)line["status"]);
        var http = line["httpRequest"]!.AsObject();
        Assert.Equal("POST", (string?)http["requestMethod"]);
        Assert.Equal(RuntimeCatalog.Get(runtime).ServedPathPrefix + "/mcp", (string?)http["requestUrl"]);
        Assert.Equal(200, (int?)http["status"]);
        Assert.Matches(@"^\d+\.\d{1,9}s$", (string?)http["latency"] ?? "");
        Assert.Equal("contract/1.0", (string?)http["userAgent"]);
        Assert.False(line.ContainsKey("logging.googleapis.com/trace"), "no trace header, no trace field");
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_traceparent_becomes_the_Cloud_Logging_trace_of_the_project(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["GOOGLE_CLOUD_PROJECT"] = "acme-prod" });
        var headers = new Dictionary<string, string> { ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" };
        await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: headers);
        Assert.True(await contract.Server.WaitForStdoutAsync("\"message\":\"request\"", TimeSpan.FromSeconds(5)), contract.Server.Stdout);

        var line = contract.Server.LogLines().First(entry => (string?)entry["message"] == "request");

        Assert.Equal("projects/acme-prod/traces/4bf92f3577b34da6a3ce929d0e0e4736", (string?)line["logging.googleapis.com/trace"]);
        Assert.Equal("00f067aa0ba902b7", (string?)line["logging.googleapis.com/spanId"]);
        Assert.Equal(true, (bool?)line["logging.googleapis.com/trace_sampled"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task An_X_Cloud_Trace_Context_header_becomes_the_trace(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["GOOGLE_CLOUD_PROJECT"] = "acme-prod" });
        var headers = new Dictionary<string, string> { ["X-Cloud-Trace-Context"] = "105445aa7843bc8bf206b12000100000/1;o=1" };
        await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: headers);
        Assert.True(await contract.Server.WaitForStdoutAsync("\"message\":\"request\"", TimeSpan.FromSeconds(5)), contract.Server.Stdout);

        var line = contract.Server.LogLines().First(entry => (string?)entry["message"] == "request");

        Assert.Equal("projects/acme-prod/traces/105445aa7843bc8bf206b12000100000", (string?)line["logging.googleapis.com/trace"]);
    }
}
