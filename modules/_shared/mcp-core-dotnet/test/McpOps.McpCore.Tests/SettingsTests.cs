namespace McpOps.McpCore.Tests;

public sealed class SettingsTests
{
    private static Dictionary<string, string?> Env(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);

    [Fact]
    public void Refuses_to_start_without_a_token()
    {
        var error = Assert.Throws<McpConfigException>(() => McpServerSettings.Load(Env()));
        Assert.Contains("MCP_AUTH_TOKEN is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_token_from_a_mounted_secret_file()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "s3cret-from-file\n");
        try
        {
            Assert.Equal("s3cret-from-file", McpServerSettings.Load(Env(("MCP_AUTH_TOKEN_FILE", file))).AuthToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("absent", false, "cannot be read")]
    [InlineData("empty", false, "is empty")]
    [InlineData("empty", true, "both set")]
    public void Refuses_a_token_file_that_is_missing_empty_or_combined_with_the_variable(string file, bool alsoVariable, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("mcp-core-");
        File.WriteAllText(Path.Combine(folder.FullName, "empty"), "  \n");
        var env = Env(("MCP_AUTH_TOKEN_FILE", Path.Combine(folder.FullName, file)));
        if (alsoVariable)
        {
            env["MCP_AUTH_TOKEN"] = "t";
        }

        var error = Assert.Throws<McpConfigException>(() => McpServerSettings.Load(env));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public void Auth_can_only_be_disabled_explicitly()
    {
        var settings = McpServerSettings.Load(Env(("MCP_AUTH_DISABLED", "true"), ("MCP_AUTH_TOKEN", "ignored")));
        Assert.True(settings.AuthDisabled);
        Assert.Null(settings.AuthToken);
    }

    [Fact]
    public void Defaults_follow_the_contract()
    {
        var settings = McpServerSettings.Load(Env(("MCP_AUTH_TOKEN", "t")), defaultPort: 8123);
        Assert.Equal(8123, settings.Port);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal("", settings.BasePath);
        Assert.Equal(TimeSpan.FromSeconds(8), settings.ShutdownTimeout);
        Assert.Equal(1024 * 1024, settings.MaxBodyBytes);
        Assert.Equal(100, settings.MaxSseSessions);
    }

    [Fact]
    public void Reports_every_bad_variable_at_once()
    {
        var error = Assert.Throws<McpConfigException>(() => McpServerSettings.Load(Env(
            ("MCP_AUTH_TOKEN", "t"), ("PORT", "80a"), ("LOG_LEVEL", "loud"), ("MCP_BASE_PATH", "billing"),
            ("MCP_ALLOWED_ORIGINS", "not an origin"), ("HOST", "example.com"), ("MCP_AUTH_DISABLED", "maybe"))));
        Assert.Equal(6, error.Problems.Count);
        foreach (var name in new[] { "PORT", "LOG_LEVEL", "MCP_BASE_PATH", "MCP_ALLOWED_ORIGINS", "HOST", "MCP_AUTH_DISABLED" })
        {
            Assert.Contains(error.Problems, problem => problem.StartsWith(name, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/billing/", "/billing")]
    [InlineData("/a/b", "/a/b")]
    public void Normalises_the_base_path(string raw, string expected) =>
        Assert.Equal(expected, McpServerSettings.Load(Env(("MCP_AUTH_TOKEN", "t"), ("MCP_BASE_PATH", raw))).BasePath);
}
