using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>
/// Tool errors reach the model as readable `isError` results: bad arguments name the field, a result JSON cannot
/// carry never becomes a silent null, a throwing tool does not take the server down. Bad input is the client's
/// mistake: it is never logged as an ERROR with a stack trace.
/// </summary>
public sealed class ToolErrorTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_sum_that_overflows_is_a_tool_error_never_a_null_success(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.CallToolAsync("add", new JsonObject { ["a"] = 1e308, ["b"] = 1e308 });

        var result = answer["result"]!;
        Assert.True((bool?)result["isError"] == true, answer.ToJsonString());
        Assert.DoesNotContain("null", result["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(result["structuredContent"]?["sum"]);
        Assert.Matches("(?i)finite|overflow|too large", (string?)result["content"]![0]!["text"] ?? "");
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_normal_sum_is_structured_and_textual(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.CallToolAsync("add", new JsonObject { ["a"] = 2, ["b"] = 3.5 });

        var result = answer["result"]!;
        Assert.NotEqual(true, (bool?)result["isError"]);
        Assert.Equal(5.5, (double?)result["structuredContent"]!["sum"]);
        Assert.Equal(5.5, (double?)JsonNode.Parse((string)result["content"]![0]!["text"]!)!["sum"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_wrong_typed_or_missing_argument_is_a_tool_error_naming_the_field_and_no_ERROR_log(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var wrongType = await contract.CallToolAsync("add", new JsonObject { ["a"] = "one", ["b"] = 2 });
        var missing = await contract.CallToolAsync("add", new JsonObject { ["a"] = 1 });
        await Task.Delay(200);

        AssertToolErrorNaming(wrongType, "a");
        AssertToolErrorNaming(missing, "b");
        Assert.DoesNotContain(contract.Server.LogLines(), line => (string?)line["severity"] is "ERROR" or "CRITICAL");
        Assert.DoesNotContain("   at ", contract.Server.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_throwing_tool_is_a_tool_error_and_the_server_keeps_serving(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var failed = await contract.CallToolAsync("fail", []);
        var next = await contract.CallToolAsync("echo", new JsonObject { ["text"] = "still here" });

        Assert.True((bool?)failed["result"]!["isError"] == true, failed.ToJsonString());
        Assert.Equal("still here", (string?)next["result"]!["content"]![0]!["text"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task An_unknown_tool_is_an_error_naming_it(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.CallToolAsync("no-such-tool", []);

        var text = answer["error"]?["message"] ?? answer["result"]?["content"]?[0]?["text"];
        Assert.True(answer["error"] is not null || (bool?)answer["result"]?["isError"] == true, answer.ToJsonString());
        Assert.Contains("no-such-tool", (string?)text ?? "", StringComparison.Ordinal);
    }

    private static void AssertToolErrorNaming(JsonObject answer, string field)
    {
        var result = answer["result"];
        Assert.True(result is not null && (bool?)result["isError"] == true, answer.ToJsonString());
        var text = (string?)result["content"]![0]!["text"] ?? "";
        Assert.Matches($"\\b{field}\\b", text);
        Assert.DoesNotContain("An error occurred invoking", text, StringComparison.Ordinal);
    }
}
