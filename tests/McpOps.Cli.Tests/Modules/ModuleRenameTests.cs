using McpOps.Cli.FileSystem;
using McpOps.Cli.Modules;
using McpOps.Cli.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Modules;

/// <summary>The rename plan over an in-memory tree: derived names move, words that only look like the name stay.</summary>
public sealed class ModuleRenameTests
{
    [Fact]
    public void A_module_named_like_a_word_in_its_code_keeps_that_code()
    {
        var source = MemoryWorkspace.Create("echo");
        source["modules/echo/mcp/src/tools/echo.ts"] = "export const echo = defineTool({ name: 'echo' });\n";
        source["modules/echo/mcp/src/server.ts"] = "export const serverOptions = { name: 'echo-mcp', defaultPort: 8080 };\n";
        source["modules/echo/mcp/Dockerfile"] = "COPY modules/echo/mcp/package.json modules/echo/mcp/\nLABEL org.opencontainers.image.title=\"echo\"\n";
        source["modules/echo/mcp/deploy/compose.yaml"] = "services:\n  echo:\n    image: localhost/mcp/echo:dev\n    secrets:\n      - echo-auth-token\n  echo-sidecar-of-crm-echo: {}\n";
        var tree = new FileTree(source);

        var plan = ModuleRename.Plan(tree, "echo", "stock", "acme");

        Assert.Equal(["stock"], plan.Workspace.Modules.Select(m => m.Name));
        Assert.Null(tree.Read("modules/echo/mcp/package.json"));
        Assert.Equal("export const echo = defineTool({ name: 'echo' });\n", tree.Read("modules/stock/mcp/src/tools/echo.ts"));
        Assert.Equal("export const serverOptions = { name: 'stock-mcp', defaultPort: 8080 };\n", tree.Read("modules/stock/mcp/src/server.ts"));
        Assert.Equal("COPY modules/stock/mcp/package.json modules/stock/mcp/\nLABEL org.opencontainers.image.title=\"stock\"\n", tree.Read("modules/stock/mcp/Dockerfile"));
        Assert.Equal("services:\n  stock:\n    image: localhost/mcp/stock:dev\n    secrets:\n      - stock-auth-token\n  stock-sidecar-of-crm-echo: {}\n", tree.Read("modules/stock/mcp/deploy/compose.yaml"));
        Assert.Contains("\"name\": \"@acme/stock-mcp\"", tree.Read("modules/stock/mcp/package.json"));
        Assert.Contains("./modules/stock/mcp", tree.Read("tsconfig.json"));
        Assert.DoesNotContain("modules/echo/", tree.Read("tsconfig.json") + tree.Read(".railway/railway.ts") + tree.Read("README.md"));
    }

    [Fact]
    public void A_CSharp_project_file_is_a_build_file_and_names_the_new_module()
    {
        var source = MemoryWorkspace.Create("echo");
        source["modules/echo/mcp/src/Echo.Mcp/Echo.Mcp.csproj"] = "<Project>\n  <!-- The echo MCP server. -->\n  <PropertyGroup><RootNamespace>Echo.Mcp</RootNamespace></PropertyGroup>\n</Project>\n";
        source["modules/echo/mcp/src/Echo.Mcp/Tools/EchoTool.cs"] = "namespace Echo.Mcp.Tools;\n// The echo tool of the echo-mcp server.\n";
        var tree = new FileTree(source);

        ModuleRename.Plan(tree, "echo", "stock", "acme");

        Assert.Equal(
            "<Project>\n  <!-- The stock MCP server. -->\n  <PropertyGroup><RootNamespace>Stock.Mcp</RootNamespace></PropertyGroup>\n</Project>\n",
            tree.Read("modules/stock/mcp/src/Stock.Mcp/Stock.Mcp.csproj"));
        Assert.Equal("namespace Stock.Mcp.Tools;\n// The echo tool of the stock-mcp server.\n", tree.Read("modules/stock/mcp/src/Stock.Mcp/Tools/EchoTool.cs"));
    }

    [Theory]
    [InlineData("billing", "Billing")]
    [InlineData("crm-sync", "CrmSync")]
    [InlineData("module-3d-models", "Module3DModels")]
    public void Pascal_is_the_CSharp_template_project_name(string name, string pascal) => Assert.Equal(pascal, ModuleRename.Pascal(name));
}
