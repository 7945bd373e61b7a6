using System.Buffers;
using System.Text;

namespace McpOps.McpCore.Tests;

/// <summary>The log line's rpcMethod/tool, read from a body in place.</summary>
public sealed class RpcSummaryTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{"name":"inner"},"name":"echo"}}""", "tools/call", "echo")]
    [InlineData("""{"params":{"name":"echo"},"method":"tools/call","id":1}""", "tools/call", "echo")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"name":"not a tool call"}}""", "tools/list", null)]
    [InlineData("""[{"method":"ping","id":1},{"method":"tools/call","params":{"name":"add"},"id":2},{"method":"notifications/initialized"}]""", "ping,tools/call,notifications/initialized", "add")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":42}""", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{}}""", null, null)]
    [InlineData("""{"method":"tools/call","params":{"name":"echo" """, null, null)]
    [InlineData("not json", null, null)]
    [InlineData("", null, null)]
    [InlineData("[1,\"x\",{\"method\":\"ping\"}]", "ping", null)]
    public void Describes_method_and_tool(string body, string? rpcMethod, string? tool)
    {
        var (method, name) = RpcSummary.Describe(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(rpcMethod, method);
        Assert.Equal(tool, name);
    }
}
