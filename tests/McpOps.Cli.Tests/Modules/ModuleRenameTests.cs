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

    [Theory]
    [InlineData("billing", "Billing")]
    [InlineData("crm-sync", "CrmSync")]
    [InlineData("module-3d-models", "Module3DModels")]
    public void Pascal_is_the_CSharp_template_project_name(string name, string pascal) => Assert.Equal(pascal, ModuleRename.Pascal(name));
}
