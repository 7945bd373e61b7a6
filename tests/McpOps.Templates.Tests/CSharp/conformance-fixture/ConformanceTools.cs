// Fixture of the official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios),
// the C# twin of ../../McpCore/conformance-server.mjs. Written into a generated C# module
// (modules/conformance/mcp/src/Conformance.Mcp/Fixture/) by CSharpConformanceTests; not compiled here.
using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Conformance.Mcp.Fixture;

[McpServerToolType]
public static class ConformanceTools
{
    // 1x1 PNG and a tiny WAV, base64 (the same bytes as the TypeScript fixture).
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    public const string Wav = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=";

    [McpServerTool(Name = "test_simple_text"), Description("Returns simple text")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpServerTool(Name = "test_image_content"), Description("Returns an image")]
    public static CallToolResult ImageContent() => new() { Content = [Image()] };

    [McpServerTool(Name = "test_audio_content"), Description("Returns audio")]
    public static CallToolResult AudioContent() => new() { Content = [AudioContentBlock.FromBytes(Convert.FromBase64String(Wav), "audio/wav")] };

    [McpServerTool(Name = "test_embedded_resource"), Description("Returns an embedded resource")]
    public static CallToolResult EmbeddedResource() => new()
    {
        Content = [new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." } }],
    };

    [McpServerTool(Name = "test_multiple_content_types"), Description("Returns text, image and resource")]
    public static CallToolResult MultipleContentTypes() => new()
    {
        Content =
        [
            new TextContentBlock { Text = "Multiple content types test:" },
            Image(),
            new EmbeddedResourceBlock
            {
                Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" },
            },
        ],
    };

    // Logging is deprecated as of 2026-07-28 (SEP-2577) but still tested by the suite for 2025 clients.
#pragma warning disable MCP9005
    [McpServerTool(Name = "test_tool_with_logging"), Description("Sends log notifications while running")]
    public static async Task<string> WithLogging(McpServer server, CancellationToken cancellationToken)
    {
        foreach (var message in new[] { "Tool execution started", "Tool processing data", "Tool execution completed" })
        {
            var notification = new LoggingMessageNotificationParams { Level = LoggingLevel.Info, Data = JsonSerializer.SerializeToElement(message, McpJsonUtilities.DefaultOptions) };
            await server.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, notification, McpJsonUtilities.DefaultOptions, cancellationToken);
            await Task.Delay(50, cancellationToken);
        }

        return "Tool with logging executed successfully";
    }
#pragma warning restore MCP9005

    [McpServerTool(Name = "test_tool_with_progress"), Description("Reports progress")]
    public static async Task<string> WithProgress(IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        foreach (var done in new[] { 0f, 50f, 100f })
        {
            progress.Report(new ProgressNotificationValue { Progress = done, Total = 100 });
            await Task.Delay(50, cancellationToken);
        }

        return "Tool with progress executed successfully";
    }

    [McpServerTool(Name = "test_error_handling"), Description("Always fails")]
    public static string ErrorHandling() => throw new McpException("This tool intentionally returns an error for testing");

    private static ImageContentBlock Image() => ImageContentBlock.FromBytes(Convert.FromBase64String(Png), "image/png");
}
