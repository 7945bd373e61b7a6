using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>A bad environment stops the server before it listens: exit 1 and one message naming the variable.</summary>
public sealed class ConfigurationTests
{
    public static TheoryData<string, string, string?, string> BadSettings
    {
        get
        {
            var data = new TheoryData<string, string, string?, string>();
            foreach (var name in RuntimeCatalog.All)
            {
                data.Add(name, "MCP_AUTH_TOKEN", null, "MCP_AUTH_DISABLED=true");
                data.Add(name, "MCP_BASE_PATH", "/a/../b", "MCP_BASE_PATH");
                data.Add(name, "MCP_BASE_PATH", "/a/./b", "MCP_BASE_PATH");
                data.Add(name, "MCP_BASE_PATH", "/a%2F..", "MCP_BASE_PATH");
                data.Add(name, "PORT", "http", "PORT");
                data.Add(name, "MCP_MAX_BODY_BYTES", "0", "MCP_MAX_BODY_BYTES");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_exits_1_naming_the_variable_and_serves_nothing(string runtime, string variable, string? value, string named)
    {
        await using var server = await RuntimeProcess.LaunchAsync(RuntimeCatalog.Get(runtime), new Dictionary<string, string?> { [variable] = value });

        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exit);
        Assert.Contains(named, server.Stderr, StringComparison.Ordinal);
        Assert.Contains("refusing to start", server.Stderr, StringComparison.Ordinal);
        Assert.Equal("", server.Stdout);
    }
}
