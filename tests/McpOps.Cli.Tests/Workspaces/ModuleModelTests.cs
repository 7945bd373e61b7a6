using McpOps.Cli.Check;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Workspaces;

/// <summary>The one module model over in-memory trees: discovery, flavours, mcpops.module.json and its fallback.</summary>
public sealed class ModuleModelTests
{
    [Fact]
    public void Commands_and_check_discover_the_same_modules_with_the_same_flavours()
    {
        var source = MemoryCSharpModules.Create("billing");
        MemoryCSharpModules.Add(source, "ledger", "Ledger.Mcp");
        source["modules/notes/mcp/README.md"] = "# notes\n";
        var files = source.ListFilesRecursive("").ToDictionary(p => p, p => source.ReadText(p)!);

        var fromTree = ModuleDiscovery.Find(new FileTree(source));
        var fromCheck = ModuleDiscovery.Find(CheckFiles.FromMemory(files));

        Assert.Equal(fromTree, fromCheck);
        Assert.Equal(["billing", "ledger", "notes"], fromTree.Select(m => m.Name));
        Assert.Equal([ModuleFlavours.TypeScript, ModuleFlavours.CSharp, null], fromTree.Select(m => m.Flavour));
        Assert.Equal(["modules/billing/mcp/package.json", "modules/ledger/mcp/src/Ledger.Mcp/Ledger.Mcp.csproj", "modules/notes/mcp/Dockerfile"], fromTree.Select(m => m.Manifest));
    }

    [Fact]
    public void A_module_folder_holding_only_build_output_is_not_a_module()
    {
        // What git leaves behind (ignored files) when a branch switch or a move takes a module's files away.
        var source = MemoryWorkspace.Create("billing");
        source["modules/invoices/mcp/dist/server.mjs"] = "export {};\n";
        source["modules/invoices/mcp/node_modules/.package-lock.json"] = "{}\n";
        var files = source.ListFilesRecursive("").ToDictionary(p => p, p => source.ReadText(p)!);

        Assert.Equal(["billing"], ModuleDiscovery.Find(new FileTree(source)).Select(m => m.Name));
        Assert.Equal(["billing"], ModuleDiscovery.Find(CheckFiles.FromMemory(files)).Select(m => m.Name));
        Assert.Equal(["billing"], Workspace.Read(new FileTree(source)).Modules.Select(m => m.Name));
    }

    [Fact]
    public void The_port_comes_from_mcpops_module_json_else_from_the_source()
    {
        var source = MemoryWorkspace.Create("billing", "inventory");
        source["modules/billing/mcp/mcpops.module.json"] = """{ "name": "billing", "flavour": "typescript", "port": 9100 }""";

        var modules = Workspace.Read(new FileTree(source)).Modules;

        Assert.Equal(9100, modules.Single(m => m.Name == "billing").Port);
        Assert.Equal(8080, modules.Single(m => m.Name == "inventory").Port);
    }

    [Fact]
    public void A_malformed_mcpops_module_json_is_named_and_stops_the_read()
    {
        var source = MemoryWorkspace.Create("billing");
        source["modules/billing/mcp/mcpops.module.json"] = """{ "name": "billing", "port": "eighty" }""";

        var error = Assert.Throws<WorkspaceException>(() => Workspace.Read(new FileTree(source)));

        Assert.Contains(error.Problems, p => p.StartsWith("modules/billing/mcp/mcpops.module.json: \"port\" must be a number", StringComparison.Ordinal));
    }

    [Fact]
    public void The_flavour_mcpops_module_json_names_wins_over_detection()
    {
        var source = MemoryWorkspace.Create("billing");
        source["modules/billing/mcp/mcpops.module.json"] = """{ "name": "billing", "flavour": "csharp" }""";

        var location = Assert.Single(ModuleDiscovery.Find(new FileTree(source)));

        // Declared C#, but no C# project: no flavour recognises it, and reading says so.
        Assert.Null(location.Flavour);
        Assert.Throws<WorkspaceException>(() => Workspace.Read(new FileTree(source)));
    }

    [Theory]
    [InlineData("TypeScript", "typescript")]
    [InlineData("ts", "typescript")]
    [InlineData("C#", "csharp")]
    [InlineData("csharp", "csharp")]
    [InlineData("CS", "csharp")]
    public void Language_names_parse_to_one_flavour(string text, string id) => Assert.Equal(id, ModuleFlavours.Parse(text)!.Id);
}
