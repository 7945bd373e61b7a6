using McpOps.Cli.FileSystem;

namespace McpOps.Cli.Tests.Infrastructure;

/// <summary>C# modules and the workspace solution in memory, shaped like the mcp-csharp template's output.</summary>
internal static class MemoryCSharpModules
{
    public const string SolutionPath = "acme.slnx";

    public const string Solution = """
        <Solution>
          <Folder Name="/modules/_shared/mcp-core-dotnet/">
            <Project Path="modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj" />
          </Folder>
          <!-- mcpops:begin modules -->
          <!-- mcpops:end modules -->
        </Solution>

        """;

    public const string CoreReference = "../../../../_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj";

    /// <summary>The server project as the template writes it (description and reference in the same places).</summary>
    public static string ServerProject(string description = "An MCP server module.") => $$"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <Version>0.1.0</Version>
            <Description>{{description}}</Description>
          </PropertyGroup>
          <ItemGroup>
            <!-- The shared runtime of the workspace; `mcpops sync` keeps this path in step. -->
            <ProjectReference Include="{{CoreReference}}" />
          </ItemGroup>
        </Project>

        """;

    /// <summary>A workspace with the solution, mcp-core-dotnet and the TypeScript modules of <see cref="MemoryWorkspace.Create"/>.</summary>
    public static InMemoryFileSource Create(params string[] typeScriptModules)
    {
        var source = MemoryWorkspace.Create(typeScriptModules);
        source[SolutionPath] = Solution;
        source["modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n";
        return source;
    }

    /// <summary>modules/&lt;name&gt;/mcp with src/&lt;project&gt;/ and test/&lt;project&gt;.Tests/, no package.json.</summary>
    public static void Add(InMemoryFileSource source, string name, string project, int port = 8080, string? description = null)
    {
        var folder = $"modules/{name}/mcp";
        source[$"{folder}/src/{project}/{project}.csproj"] = ServerProject(description ?? $"The {name} module.");
        source[$"{folder}/src/{project}/ModuleServer.cs"] = $"public static class ModuleServer {{ public static object Definition {{ get; }} = new {{ DefaultPort = {port} }}; }}\n";
        source[$"{folder}/src/{project}/Tools/EchoTool.cs"] = "// a tool\n";
        source[$"{folder}/test/{project}.Tests/{project}.Tests.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n";
        source[$"{folder}/railway.service.ts"] = "// railway\n";
        source[$"{folder}/Dockerfile"] = "FROM scratch\n";
    }
}
