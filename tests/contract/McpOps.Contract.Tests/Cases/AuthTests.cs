using System.Net;
using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>
/// Bearer auth (RFC 6750) and what a static-token server says about itself (RFC 9728): the protected resource
/// metadata names the resource and the header method but no authorization server, so OAuth clients (the MCP
/// Inspector) learn there is no OAuth flow to start and report the 401 instead.
/// </summary>
public sealed class AuthTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task No_token_is_401_with_a_Bearer_challenge_and_the_metadata_url(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        var challenge = answer.Header("WWW-Authenticate") ?? "";
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
        if (RuntimeCatalog.Get(runtime).ServesProtectedResourceMetadata)
        {
            Assert.Contains($"resource_metadata=\"http://127.0.0.1:{contract.Server.Port}/.well-known/oauth-protected-resource/mcp\"", challenge, StringComparison.Ordinal);
        }
        else
        {
            // Intended on the Edge: the gateway would not route the well-known URL to the function, so none is named.
            Assert.Equal("Bearer", challenge);
        }

        Assert.Equal("2.0", (string?)answer.Rpc()["jsonrpc"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_wrong_token_is_401_with_error_invalid_token(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), token: "wrong-token");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Matches("^Bearer .*error=\"invalid_token\"", answer.Header("WWW-Authenticate") ?? "");
        Assert.DoesNotContain(RuntimeProcess.Token, answer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Protected_resource_metadata_names_the_resource_and_no_authorization_server(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_BASE_PATH"] = "/billing" });

        foreach (var path in new[] { "/.well-known/oauth-protected-resource/billing/mcp", "/.well-known/oauth-protected-resource" })
        {
            var answer = await contract.Http.GetAsync(contract.Http.AtRoot(path), token: null);
            if (!RuntimeCatalog.Get(runtime).ServesProtectedResourceMetadata)
            {
                Assert.True(answer.Status == HttpStatusCode.NotFound, $"{path}: {answer}");
                continue;
            }

            Assert.True(answer.Status == HttpStatusCode.OK, $"{path}: {answer}");
            var metadata = JsonNode.Parse(answer.Body)!.AsObject();
            Assert.Equal($"http://127.0.0.1:{contract.Server.Port}/billing/mcp", (string?)metadata["resource"]);
            Assert.Equal(["header"], metadata["bearer_methods_supported"]!.AsArray().Select(item => (string?)item));
            Assert.False(metadata.ContainsKey("authorization_servers"), "a static bearer token has no authorization server");
        }
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task With_auth_disabled_there_is_no_metadata_and_no_challenge(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_AUTH_TOKEN"] = null, ["MCP_AUTH_DISABLED"] = "true" });

        var metadata = await contract.Http.GetAsync(contract.Http.AtRoot("/.well-known/oauth-protected-resource"), token: null);
        var call = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), token: null);

        Assert.Equal(HttpStatusCode.NotFound, metadata.Status);
        Assert.Equal(HttpStatusCode.OK, call.Status);
    }
}
