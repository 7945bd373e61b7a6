using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpOps.McpCore.Tests;

[McpServerResourceType]
public static class NoteResources
{
    [McpServerResource(UriTemplate = "note://{id}", Name = "note", MimeType = "text/plain"), Description("A note by id.")]
    public static string Note(string id) => $"note {id}";
}

[McpServerPromptType]
public static class GreetingPrompts
{
    [McpServerPrompt(Name = "greet"), Description("Greets someone.")]
    public static string Greet(string name) => $"Say hello to {name}.";
}

/// <summary>McpModule's optional ResourceTypes, PromptTypes and ConfigureServer, served over /mcp.</summary>
public sealed class ResourcesAndPromptsTests
{
    private static readonly Dictionary<string, string?> Environment = new() { ["PORT"] = "0", ["MCP_AUTH_DISABLED"] = "true", ["LOG_LEVEL"] = "silent" };

    [Fact]
    public async Task Resources_prompts_and_extra_configuration_are_served_and_advertised()
    {
        var configured = false;
        var module = new McpModule
        {
            Name = "core-test-mcp",
            Version = "1.0.0",
            ToolTypes = [typeof(PingTool)],
            ResourceTypes = [typeof(NoteResources)],
            PromptTypes = [typeof(GreetingPrompts)],
            ConfigureServer = _ => configured = true,
        };
        await using var server = await McpServerHost.StartAsync(module, Environment);

        Assert.True(configured, "ConfigureServer was not called");
        using var capabilities = await McpRpc.CallAsync(server, "initialize", """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}""");
        var advertised = capabilities.RootElement.GetProperty("result").GetProperty("capabilities");
        Assert.True(advertised.TryGetProperty("resources", out _), advertised.ToString());
        Assert.True(advertised.TryGetProperty("prompts", out _), advertised.ToString());

        using var read = await McpRpc.CallAsync(server, "resources/read", """{"uri":"note://42"}""");
        Assert.Equal("note 42", read.RootElement.GetProperty("result").GetProperty("contents")[0].GetProperty("text").GetString());

        using var prompt = await McpRpc.CallAsync(server, "prompts/get", """{"name":"greet","arguments":{"name":"Ada"}}""");
        Assert.Contains("Say hello to Ada.", prompt.RootElement.GetProperty("result").GetProperty("messages").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_with_tools_only_advertises_neither_resources_nor_prompts()
    {
        await using var server = await McpServerHost.StartAsync(new McpModule { Name = "core-test-mcp", Version = "1.0.0", ToolTypes = [typeof(PingTool)] }, Environment);

        using var capabilities = await McpRpc.CallAsync(server, "initialize", """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}""");
        var advertised = capabilities.RootElement.GetProperty("result").GetProperty("capabilities");
        Assert.False(advertised.TryGetProperty("resources", out _), advertised.ToString());
        Assert.False(advertised.TryGetProperty("prompts", out _), advertised.ToString());
    }

    [Fact]
    public async Task A_prompt_type_registered_twice_is_refused()
    {
        var module = new McpModule { Name = "core-test-mcp", Version = "1.0.0", ToolTypes = [], PromptTypes = [typeof(GreetingPrompts), typeof(GreetingPrompts)] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => McpServerHost.StartAsync(module, Environment));
        Assert.Contains("Prompt type GreetingPrompts is registered twice", error.Message, StringComparison.Ordinal);
    }
}
