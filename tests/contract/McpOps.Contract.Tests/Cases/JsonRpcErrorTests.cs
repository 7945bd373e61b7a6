using System.Net;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>Malformed requests get JSON-RPC errors with the standard codes, never a 500.</summary>
public sealed class JsonRpcErrorTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Invalid_JSON_is_a_parse_error_32700(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync("{\"jsonrpc\":\"2.0\",");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32700, (int?)answer.Rpc()["error"]!["code"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task JSON_that_is_not_JSON_RPC_is_an_invalid_request_32600(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync("{\"hello\":\"world\"}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32600, (int?)answer.Rpc()["error"]!["code"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task An_unknown_method_is_32601(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync(McpHttp.Request("no/such/method"), headers: McpHttp.Era2025Headers);

        Assert.Equal(-32601, (int?)answer.Rpc()["error"]!["code"]);
        Assert.Equal(1, (int?)answer.Rpc()["id"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Initialize_without_params_is_invalid_params_32602(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\"}");

        Assert.Equal(-32602, (int?)answer.Rpc()["error"]!["code"]);
        Assert.Equal(7, (int?)answer.Rpc()["id"]);
    }
}
