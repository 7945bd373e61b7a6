using McpModuleName.Mcp;
using McpOps.McpCore;

// Reads PORT, HOST, MCP_AUTH_TOKEN, ... from the environment (see the README); `--healthcheck`
// probes a running server instead (the image's HEALTHCHECK).
return await McpServerHost.RunAsync(ModuleServer.Definition, args);
