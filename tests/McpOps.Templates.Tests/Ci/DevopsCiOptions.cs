namespace McpOps.Templates.Tests.Ci;

/// <summary>The option sets every devops-ci test runs against: the defaults and each option.</summary>
public static class DevopsCiOptions
{
    public static TheoryData<string, string[]> All => new()
    {
        { "devops-ci.default", [] },
        { "devops-ci.no-cloud-run", ["--cloud-run", "false"] },
        { "devops-ci.no-railway", ["--railway", "false"] },
        { "devops-ci.artifact-registry", ["--registry", "artifact-registry"] },
        { "devops-ci.mcp-registry", ["--mcp-registry", "true"] },
        { "devops-ci.no-supabase", ["--supabase", "false"] },
    };
}
