using McpModuleName.Mcp.Tools;
using McpOps.Contract.DotnetHost;
using McpOps.McpCore;

// A module's Program.cs in miniature: the environment contract decides everything else.
return await McpServerHost.RunAsync(
    new McpModule
    {
        Name = "contract-host",
        Version = "0.0.1",
        ToolTypes = [typeof(EchoTool), typeof(AddTool), typeof(ContractTools)],
    },
    args);
