// The generated module's ModuleServer.cs, replaced by CSharpConformanceTests: the generated tools plus the
// conformance fixture's tools, resources, prompts and completion, served by the workspace's mcp-core-dotnet.
using Conformance.Mcp.Fixture;
using Conformance.Mcp.Tools;
using McpOps.McpCore;

namespace Conformance.Mcp;

public static class ModuleServer
{
    public static McpModule Definition { get; } = new()
    {
        Name = "mcp-core-dotnet-conformance",
        Version = McpModule.VersionOf(typeof(ModuleServer).Assembly),
        ToolTypes = [typeof(EchoTool), typeof(AddTool), typeof(ConformanceTools)],
        ResourceTypes = [typeof(ConformanceResources)],
        PromptTypes = [typeof(ConformancePrompts)],
        ConfigureServer = ConformancePrompts.AddCompletion,
    };
}
