using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Wiring;

public sealed class ModuleCoreWiringTests
{
    [Fact]
    public void A_package_json_that_has_the_dependency_is_returned_unchanged()
    {
        const string text = "{\n    \"name\": \"x\",\n    \"dependencies\": { \"@acme/mcp-core\": \"*\" }\n}";
        Assert.Same(text, ModuleCoreWiring.EnsureDependency("p.json", text, "@acme/mcp-core"));
    }

    [Fact]
    public void Adds_the_dependency_in_sorted_order_in_npm_formatting()
    {
        const string text = "{\n  \"name\": \"@acme/x-mcp\",\n  \"dependencies\": {\n    \"zod\": \"^4.6.7\",\n    \"@acme/mcp-core\": \"^1\"\n  }\n}\n";
        var result = ModuleCoreWiring.EnsureDependency("p.json", text, "@acme/mcp-core");
        Assert.Equal("{\n  \"name\": \"@acme/x-mcp\",\n  \"dependencies\": {\n    \"@acme/mcp-core\": \"file:../../_shared/mcp-core\",\n    \"zod\": \"^4.6.7\"\n  }\n}\n", result);
    }

    [Fact]
    public void Creates_dependencies_when_there_are_none()
    {
        var result = ModuleCoreWiring.EnsureDependency("p.json", "{\n  \"name\": \"é<x>\"\n}\n", "@acme/mcp-core");
        Assert.Equal("{\n  \"name\": \"é<x>\",\n  \"dependencies\": {\n    \"@acme/mcp-core\": \"file:../../_shared/mcp-core\"\n  }\n}\n", result);
    }

    [Fact]
    public void Adds_the_reference_first_in_an_existing_array_keeping_comments()
    {
        const string text = "{\n  // keep me\n  \"references\": [\n    { \"path\": \"../other\" }\n  ]\n}\n";
        var result = ModuleCoreWiring.EnsureReference("tsconfig.json", text);
        Assert.Equal("{\n  // keep me\n  \"references\": [\n    { \"path\": \"../../_shared/mcp-core\" },\n    { \"path\": \"../other\" }\n  ]\n}\n", result);
    }

    [Fact]
    public void Fills_an_empty_references_array()
    {
        var result = ModuleCoreWiring.EnsureReference("tsconfig.json", "{ \"references\": [] }");
        Assert.Equal("{ \"references\": [{ \"path\": \"../../_shared/mcp-core\" }] }", result);
    }

    [Fact]
    public void Adds_a_references_property_after_the_last_one()
    {
        const string text = "{\n  \"extends\": \"../../../tsconfig.base.json\",\n  \"include\": [\"src/**/*.ts\"] // sources\n}\n";
        var result = ModuleCoreWiring.EnsureReference("tsconfig.json", text);
        Assert.Equal("{\n  \"extends\": \"../../../tsconfig.base.json\",\n  \"include\": [\"src/**/*.ts\"],\n  \"references\": [{ \"path\": \"../../_shared/mcp-core\" }] // sources\n}\n", result);
    }

    [Theory]
    [InlineData("../../_shared/mcp-core")]
    [InlineData("../../_shared/mcp-core/")]
    [InlineData("../../_shared/mcp-core/tsconfig.json")]
    public void Recognises_an_existing_reference_in_any_spelling(string path)
    {
        var text = $"{{ \"references\": [{{ \"path\": \"{path}\" }}] }}";
        Assert.Same(text, ModuleCoreWiring.EnsureReference("tsconfig.json", text));
    }

    [Fact]
    public void A_malformed_file_is_reported_with_its_path_line_and_column()
    {
        var error = Assert.Throws<WorkspaceException>(() => ModuleCoreWiring.EnsureReference("modules/x/mcp/tsconfig.json", "{\n  \"a\": 1\n  \"b\": 2\n}\n"));
        Assert.StartsWith("modules/x/mcp/tsconfig.json:3:3: invalid JSON", error.Message);
    }
}
