// Fixture of the official MCP conformance suite: prompts and argument completion (see ConformanceTools.cs).
using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Conformance.Mcp.Fixture;

[McpServerPromptType]
public static class ConformancePrompts
{
    private static readonly string[] Cities = ["paris", "park", "party"];

    [McpServerPrompt(Name = "test_simple_prompt"), Description("A simple prompt")]
    public static PromptMessage Simple() => User(new TextContentBlock { Text = "This is a simple prompt for testing." });

    [McpServerPrompt(Name = "test_prompt_with_arguments"), Description("A prompt with arguments")]
    public static PromptMessage WithArguments([Description("First test argument")] string arg1, [Description("Second test argument")] string arg2) =>
        User(new TextContentBlock { Text = $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'" });

    [McpServerPrompt(Name = "test_prompt_with_embedded_resource"), Description("A prompt with an embedded resource")]
    public static IEnumerable<PromptMessage> WithEmbeddedResource([Description("URI of the resource to embed")] string resourceUri) =>
    [
        User(new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } }),
        User(new TextContentBlock { Text = "Please process the embedded resource above." }),
    ];

    [McpServerPrompt(Name = "test_prompt_with_image"), Description("A prompt with an image")]
    public static IEnumerable<PromptMessage> WithImage() =>
    [
        User(ImageContentBlock.FromBytes(Convert.FromBase64String(ConformanceTools.Png), "image/png")),
        User(new TextContentBlock { Text = "Please analyze the image above." }),
    ];

    /// <summary>completion/complete for arg1 of test_prompt_with_arguments (ModuleServer passes it to ConfigureServer).</summary>
    public static void AddCompletion(IMcpServerBuilder server) =>
        server.WithCompleteHandler((request, _) =>
        {
            var argument = request.Params?.Argument;
            string[] values = request.Params?.Ref is PromptReference { Name: "test_prompt_with_arguments" } && argument?.Name == "arg1"
                ? [.. Cities.Where(v => v.StartsWith(argument.Value, StringComparison.Ordinal))]
                : [];
            return ValueTask.FromResult(new CompleteResult { Completion = new Completion { Values = values, Total = values.Length, HasMore = false } });
        });

    private static PromptMessage User(ContentBlock content) => new() { Role = Role.User, Content = content };
}
