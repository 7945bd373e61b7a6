namespace McpOps.Cli.Workspaces;

/// <summary>
/// The .NET projects of a C# module, as found on disk (paths relative to the workspace root, '/'):
/// the server project under src/ that references mcp-core-dotnet, and every project under src/ and
/// test/, which the workspace solution lists.
/// </summary>
internal sealed record CSharpProjects(string ServerProject, IReadOnlyList<string> SourceProjects, IReadOnlyList<string> TestProjects)
{
    /// <summary>Source projects then test projects, each sorted: the order the solution lists them in.</summary>
    public IReadOnlyList<string> All => [.. SourceProjects, .. TestProjects];

    /// <summary>The server project's name, e.g. Billing.Mcp (its assembly and the name `list` shows).</summary>
    public string ServerName => Path.GetFileNameWithoutExtension(ServerProject);

    /// <summary>The folder of the server project, e.g. modules/billing/mcp/src/Billing.Mcp.</summary>
    public string ServerFolder => ServerProject[..ServerProject.LastIndexOf('/')];
}
