using System.Text.RegularExpressions;
using McpOps.Cli.Check.Yaml;
using YamlDotNet.RepresentationModel;

namespace McpOps.Cli.Check.Workflows;

/// <summary>CI001-CI003 over .github/workflows/*.yml: pinned actions, blocking Trivy scans, read-only top-level permissions.</summary>
internal sealed partial class WorkflowRules : ICheckAnalyzer
{
    public bool ParsesYaml => true;

    public const string Folder = ".github/workflows";

    public static IEnumerable<string> WorkflowFiles(CheckFiles files) =>
        files.Under(Folder).Where(p => p.Count(c => c == '/') == 2 && (p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal)));

    public void Run(CheckContext context)
    {
        foreach (var path in WorkflowFiles(context.Files).Where(context.InScope))
        {
            var documents = context.Yaml(path);
            if (documents is null || documents.Count == 0 || documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }

            CheckPermissions(context, path, root);
            foreach (var (_, job) in root.Get("jobs").Entries())
            {
                if (job.Get("uses") is YamlScalarNode reusable)
                {
                    CheckPinned(context, path, reusable);
                }

                foreach (var step in job.Get("steps").Items())
                {
                    if (step.Get("uses") is not YamlScalarNode uses)
                    {
                        continue;
                    }

                    CheckPinned(context, path, uses);
                    if ((uses.Value ?? "").StartsWith("aquasecurity/trivy-action@", StringComparison.OrdinalIgnoreCase))
                    {
                        CheckTrivy(context, path, uses, step.Get("with"));
                    }
                }
            }
        }
    }

    private static void CheckPermissions(CheckContext context, string path, YamlMappingNode root)
    {
        var key = root.KeyNode("permissions");
        var permissions = root.Get("permissions");
        if (key is null)
        {
            context.Add(Rules.CiPermissions, path, FirstKeyLine(root), "no top-level `permissions:`: every job gets the repository's default GITHUB_TOKEN scopes, which can be read-write.");
            return;
        }

        if (permissions.Text() is { } all && all.Trim().Equals("write-all", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(Rules.CiPermissions, path, key.Line(), "top-level `permissions: write-all`.");
            return;
        }

        foreach (var (scope, value) in permissions.Entries())
        {
            if (value.Text() is { } level && level.Trim().Equals("write", StringComparison.OrdinalIgnoreCase))
            {
                context.Add(Rules.CiPermissions, path, value.Line(), $"top-level `{scope}: write` applies to every job; grant it to the job that needs it.");
            }
        }
    }

    private static void CheckPinned(CheckContext context, string path, YamlScalarNode uses)
    {
        var value = (uses.Value ?? "").Trim();
        if (value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("docker://", StringComparison.Ordinal) && value.Contains("@sha256:", StringComparison.Ordinal))
        {
            return;
        }

        var at = value.LastIndexOf('@');
        var reference = at < 0 ? "" : value[(at + 1)..];
        if (!FullSha().IsMatch(reference))
        {
            var what = at < 0 ? "has no version" : $"is pinned to `{reference}`, which can be moved";
            context.Add(Rules.CiPinnedActions, path, uses.Line(), $"`uses: {value}` {what}; pin the full commit SHA.");
        }
    }

    private static void CheckTrivy(CheckContext context, string path, YamlScalarNode uses, YamlNode? with)
    {
        var problems = new List<string>();
        var severity = (with.Get("severity").Text() ?? "").ToUpperInvariant().Split(',', StringSplitOptions.TrimEntries);
        if (!severity.Contains("HIGH") || !severity.Contains("CRITICAL"))
        {
            problems.Add(with.Get("severity") is null ? "no `severity` (Trivy then reports every level but blocks on none)" : $"`severity: {with.Get("severity").Text()}` leaves out HIGH or CRITICAL");
        }

        var exitCode = with.Get("exit-code").Text()?.Trim();
        if (exitCode != "1")
        {
            problems.Add(exitCode is null ? "no `exit-code: '1'`: findings do not fail the job" : $"`exit-code: {exitCode}` does not fail the job");
        }

        if (problems.Count > 0)
        {
            context.Add(Rules.CiTrivyBlocks, path, uses.Line(), $"the Trivy scan does not block: {string.Join("; ", problems)}.");
        }
    }

    private static int FirstKeyLine(YamlMappingNode root) => root.Children.Count > 0 ? root.Children.Keys.First().Line() : 1;

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex FullSha();
}
