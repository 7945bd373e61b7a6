using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Wiring;

/// <summary>The ProjectReference from a C# module's server project to mcp-core-dotnet: kept, repaired, added.</summary>
public sealed class CSharpCoreWiringTests
{
    private const string Server = "modules/billing/mcp/src/Billing.Mcp/Billing.Mcp.csproj";
    private const string Reference = MemoryCSharpModules.CoreReference;

    [Fact]
    public void The_reference_path_is_the_one_the_template_writes()
    {
        Assert.Equal(Reference, CSharpCoreWiring.ReferencePath(Server));
        var template = File.ReadAllText(Path.Combine(
            McpOps.Templates.Tests.Infrastructure.RepositoryPaths.Root, "modules", "_template", "mcp-csharp", "src", "McpModuleName.Mcp", "McpModuleName.Mcp.csproj"));
        Assert.Contains($"<ProjectReference Include=\"{Reference}\" />", template);
        Assert.Same(template, CSharpCoreWiring.EnsureReference(Server, template));
        Assert.True(CSharpCoreWiring.HasReference(Server, template));
    }

    [Theory]
    [InlineData(@"..\..\..\..\_shared\mcp-core-dotnet\src\McpOps.McpCore\McpOps.McpCore.csproj")]
    [InlineData("./../../../../_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj")]
    [InlineData("../../../../_shared/mcp-core-dotnet/src/McpOps.McpCore/../McpOps.McpCore/McpOps.McpCore.csproj")]
    public void A_reference_that_resolves_to_mcp_core_dotnet_is_kept_as_written(string include)
    {
        var text = MemoryCSharpModules.ServerProject().Replace(Reference, include, StringComparison.Ordinal);
        Assert.Same(text, CSharpCoreWiring.EnsureReference(Server, text));
    }

    [Theory]
    [InlineData("../../../_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj")]
    [InlineData("../../../../../elsewhere/McpOps.McpCore.csproj")]
    [InlineData("$(RepoRoot)/modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj")]
    [InlineData("/abs/modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj")]
    public void A_wrong_path_is_replaced_and_nothing_else_changes(string include)
    {
        var expected = MemoryCSharpModules.ServerProject();
        var broken = expected.Replace(Reference, include, StringComparison.Ordinal);

        Assert.False(CSharpCoreWiring.HasReference(Server, broken));
        Assert.Equal(expected, CSharpCoreWiring.EnsureReference(Server, broken));
    }

    [Fact]
    public void Extra_references_to_mcp_core_dotnet_are_removed_and_the_right_one_kept()
    {
        var expected = MemoryCSharpModules.ServerProject();
        var doubled = expected.Replace(
            $"    <ProjectReference Include=\"{Reference}\" />\n",
            "    <ProjectReference Include=\"../../../_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj\" />\n" +
            $"    <ProjectReference Include=\"{Reference}\" />\n" +
            $"    <ProjectReference Include=\"{Reference}\">\n      <Private>true</Private>\n    </ProjectReference>\n",
            StringComparison.Ordinal);

        Assert.False(CSharpCoreWiring.HasReference(Server, doubled));
        Assert.Equal(expected, CSharpCoreWiring.EnsureReference(Server, doubled));
    }

    [Fact]
    public void A_missing_reference_goes_after_the_other_project_references()
    {
        const string text = "<Project>\n  <ItemGroup>\n    <ProjectReference Include=\"../Lib/Lib.csproj\" />\n  </ItemGroup>\n</Project>\n";
        Assert.Equal(
            $"<Project>\n  <ItemGroup>\n    <ProjectReference Include=\"../Lib/Lib.csproj\" />\n    <ProjectReference Include=\"{Reference}\" />\n  </ItemGroup>\n</Project>\n",
            CSharpCoreWiring.EnsureReference(Server, text));
    }

    [Fact]
    public void A_missing_reference_fills_the_template_item_group_left_empty()
    {
        var expected = MemoryCSharpModules.ServerProject();
        var emptied = expected.Replace($"    <ProjectReference Include=\"{Reference}\" />\n", "", StringComparison.Ordinal);
        Assert.Equal(expected, CSharpCoreWiring.EnsureReference(Server, emptied));
    }

    [Fact]
    public void A_missing_reference_gets_its_own_item_group_keeping_crlf()
    {
        const string text = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\r\n  <ItemGroup>\r\n    <PackageReference Include=\"X\" />\r\n  </ItemGroup>\r\n</Project>\r\n";
        var result = CSharpCoreWiring.EnsureReference(Server, text);
        Assert.Equal(
            "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\r\n  <ItemGroup>\r\n    <PackageReference Include=\"X\" />\r\n  </ItemGroup>\r\n" +
            "  <ItemGroup>\r\n    <!-- The shared runtime of the workspace; `mcpops sync` keeps this path in step. -->\r\n" +
            $"    <ProjectReference Include=\"{Reference}\" />\r\n  </ItemGroup>\r\n</Project>\r\n",
            result);
        Assert.Same(result, CSharpCoreWiring.EnsureReference(Server, result));
    }

    [Fact]
    public void A_commented_out_reference_does_not_count()
    {
        var text = $"<Project>\n  <!-- <ProjectReference Include=\"{Reference}\" /> -->\n</Project>\n";
        Assert.False(CSharpCoreWiring.HasReference(Server, text));
        Assert.Contains($"    <ProjectReference Include=\"{Reference}\" />\n  </ItemGroup>\n</Project>\n", CSharpCoreWiring.EnsureReference(Server, text));
    }

    [Fact]
    public void A_malformed_project_file_is_reported_with_its_path_line_and_column()
    {
        var error = Assert.Throws<WorkspaceException>(() => CSharpCoreWiring.EnsureReference(Server, "<Project>\n  <ItemGroup>\n</Project>\n"));
        Assert.StartsWith($"{Server}:3:3: invalid XML", error.Message);
    }
}
