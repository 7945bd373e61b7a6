using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Wiring;

namespace McpOps.Cli.Tests.Wiring;

/// <summary>
/// `mcpops sync` keeps the module entries of the agents' MCP configuration current: .mcp.json (strict
/// JSON, entries named after modules) and .vscode/mcp.json (JSONC, a marked block).
/// </summary>
public sealed class McpJsonWiringTests
{
    private const string McpJson = """
        {
          "mcpServers": {
            "railway": { "command": "railway", "args": ["mcp"] },
            "team-tool": { "type": "http", "url": "https://tools.example.com/mcp" }
          }
        }

        """;

    private const string VsCodeMcp = """
        // comment kept
        {
          "servers": {
            // mcpops:begin servers
            // mcpops:end servers
            "railway": { "type": "stdio", "command": "railway", "args": ["mcp"] }
          }
        }

        """;

    [Fact]
    public void Sync_adds_one_local_entry_per_module_and_keeps_the_others()
    {
        var tree = Synced(Workspace("billing", "crm-sync"));

        var servers = JsonNode.Parse(tree.Read(".mcp.json")!)!["mcpServers"]!.AsObject();
        Assert.Equal(["railway", "team-tool", "billing", "crm-sync"], servers.Select(s => s.Key));
        Assert.Equal("""{"type":"http","url":"http://127.0.0.1:8081/mcp","headers":{"Authorization":"Bearer ${MCP_AUTH_TOKEN}"}}""", servers["crm-sync"]!.ToJsonString());
        Assert.Equal("https://tools.example.com/mcp", (string?)servers["team-tool"]!["url"]);
    }

    [Fact]
    public void Sync_removes_the_entry_of_a_module_that_is_gone_and_is_idempotent()
    {
        var first = Synced(Workspace("billing", "crm-sync"));
        var source = Workspace("billing");
        source[".mcp.json"] = first.Read(".mcp.json")!;
        source[".vscode/mcp.json"] = first.Read(".vscode/mcp.json")!;
        var second = Synced(source);

        Assert.Equal(["railway", "team-tool", "billing"], JsonNode.Parse(second.Read(".mcp.json")!)!["mcpServers"]!.AsObject().Select(s => s.Key));
        Assert.DoesNotContain("crm-sync", second.Read(".vscode/mcp.json")!);
        source[".mcp.json"] = second.Read(".mcp.json")!;
        source[".vscode/mcp.json"] = second.Read(".vscode/mcp.json")!;
        var third = Synced(source);
        Assert.Equal(second.Read(".mcp.json"), third.Read(".mcp.json"));
        Assert.Equal(second.Read(".vscode/mcp.json"), third.Read(".vscode/mcp.json"));
    }

    [Fact]
    public void Sync_lists_the_modules_in_the_vscode_block_as_jsonc_that_parses()
    {
        var text = Synced(Workspace("billing", "crm-sync")).Read(".vscode/mcp.json")!;

        Assert.Contains("    \"billing\": { \"type\": \"http\", \"url\": \"http://127.0.0.1:8080/mcp\", \"headers\": { \"Authorization\": \"Bearer ${input:mcp-auth-token}\" } },\n", text);
        Assert.StartsWith("// comment kept\n", text);
        var servers = JsonNode.Parse(text, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!["servers"]!.AsObject();
        Assert.Equal(["billing", "crm-sync", "railway"], servers.Select(s => s.Key));
    }

    [Fact]
    public void A_malformed_mcp_json_is_reported_and_nothing_is_written()
    {
        var source = Workspace("billing");
        source[".mcp.json"] = "{ \"mcpServers\": [] }\n";

        var error = Assert.Throws<McpOps.Cli.Workspaces.WorkspaceException>(() => SyncPlanner.Plan(new FileTree(source)));

        Assert.Contains(".mcp.json: \"mcpServers\" must be an object", error.Message);
    }

    private static InMemoryFileSource Workspace(params string[] modules)
    {
        var source = MemoryWorkspace.Create();
        var port = 8080;
        foreach (var module in modules)
        {
            MemoryWorkspace.AddModule(source, module, port++);
        }

        source[".mcp.json"] = McpJson;
        source[".vscode/mcp.json"] = VsCodeMcp;
        return source;
    }

    private static FileTree Synced(InMemoryFileSource source)
    {
        var tree = new FileTree(source);
        SyncPlanner.Plan(tree);
        return tree;
    }
}
