using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>A started runtime and an HTTP client on it, for one case.</summary>
public sealed class Contract : IAsyncDisposable
{
    private Contract(RuntimeProcess server)
    {
        Server = server;
        Http = new McpHttp(server);
    }

    public RuntimeProcess Server { get; }

    public McpHttp Http { get; }

    public static async Task<Contract> StartAsync(string runtime, IReadOnlyDictionary<string, string?>? environment = null, StdoutMode stdout = StdoutMode.Read) =>
        new(await RuntimeProcess.StartAsync(RuntimeCatalog.Get(runtime), environment, stdout));

    /// <summary>tools/call over /mcp in the 2025-11-25 era; returns the JSON-RPC answer.</summary>
    public async Task<JsonObject> CallToolAsync(string name, JsonObject arguments)
    {
        var answer = await Http.RpcAsync(McpHttp.CallTool(name, arguments), headers: McpHttp.Era2025Headers);
        Assert.True(answer.Status == System.Net.HttpStatusCode.OK, answer.ToString());
        return answer.Rpc();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
