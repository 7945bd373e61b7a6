namespace McpOps.Cli.Modules;

/// <summary>
/// Every name derived from a module name, in one place. The mcp-module templates write exactly these
/// (their files use the `mcp-module-name` placeholder in these shapes), and the devops-ci scripts derive
/// the same from the module folder; tests generate modules and compare every deploy file with this.
/// </summary>
internal sealed record ModuleNames(string Name)
{
    /// <summary>Kubernetes object names are DNS-1035 labels (63 characters); Cloud Run service names 49.</summary>
    public const int KubernetesNameLimit = 63;

    public const int CloudRunServiceLimit = 49;

    public const int SecretNameLimit = 255;

    public string Folder => $"modules/{Name}/mcp";

    /// <summary>The npm package of a TypeScript module, @scope/&lt;name&gt;-mcp (scope without '@').</summary>
    public string NpmPackage(string scope) => $"@{scope}/{Name}-mcp";

    /// <summary>The image repository name (ghcr.io/OWNER/&lt;name&gt;, localhost/mcp/&lt;name&gt; in compose).</summary>
    public string Image => Name;

    public string RailwayService => Name;

    public string ComposeService => Name;

    /// <summary>The Kubernetes overlay's namePrefix: every object is &lt;name&gt;-mcp*.</summary>
    public string KubernetesPrefix => $"{Name}-";

    public string KubernetesName => $"{Name}-mcp";

    /// <summary>The Kubernetes Secret the ExternalSecret writes (and Helm's existingSecret).</summary>
    public string KubernetesSecret => $"{Name}-mcp-auth";

    public string CloudRunService => Name;

    /// <summary>The default runtime service account id (&lt;id&gt;@&lt;project&gt;.iam.gserviceaccount.com): 6-30 characters.</summary>
    public string ServiceAccountId => $"{Name}-mcp";

    /// <summary>The Secret Manager secret of MCP_AUTH_TOKEN (also the compose secret and its file name).</summary>
    public string AuthTokenSecret => $"{Name}-auth-token";

    /// <summary>The MCP server name the module announces (serverInfo.name).</summary>
    public string ServerName => $"{Name}-mcp";

    /// <summary>Each derived name with the platform limit it breaks, empty when all fit.</summary>
    public IReadOnlyList<string> LimitProblems()
    {
        var problems = new List<string>();
        Check(problems, "GCP service account id", ServiceAccountId, 6, ModuleName.ServiceAccountIdLimit);
        Check(problems, "Cloud Run service", CloudRunService, 1, CloudRunServiceLimit);
        Check(problems, "Kubernetes object name", KubernetesSecret, 1, KubernetesNameLimit);
        Check(problems, "Secret Manager secret", AuthTokenSecret, 1, SecretNameLimit);
        return problems;
    }

    private static void Check(List<string> problems, string what, string value, int min, int max)
    {
        if (value.Length < min || value.Length > max)
        {
            problems.Add($"{what} '{value}' is {value.Length} characters (allowed {min}-{max})");
        }
    }
}
