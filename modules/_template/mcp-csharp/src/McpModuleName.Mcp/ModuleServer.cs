using McpModuleName.Mcp.Tools;
using McpOps.McpCore;

namespace McpModuleName.Mcp;

/// <summary>
/// What this module serves. Kept apart from Program.cs so the tests start the same server in-process.
/// Register each new tool (one class under Tools/) in <see cref="McpModule.ToolTypes"/>.
/// </summary>
public static class ModuleServer
{
    public static McpModule Definition { get; } = new()
    {
        Name = "mcp-module-name-mcp",

        // The <Version> of the project file.
        Version = McpModule.VersionOf(typeof(ModuleServer).Assembly),

        // Used when PORT is unset; the platforms set PORT themselves.
        DefaultPort = 8080,
        ToolTypes = [typeof(EchoTool), typeof(AddTool)],
    };
}
