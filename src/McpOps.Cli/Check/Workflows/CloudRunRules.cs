using System.Text.RegularExpressions;
using McpOps.Cli.Check.Yaml;
using YamlDotNet.RepresentationModel;

namespace McpOps.Cli.Check.Workflows;

/// <summary>
/// CLOUDRUN001-003 over every file that deploys to Cloud Run: workflows (a `gcloud run deploy` in a
/// `run:` or a google-github-actions/deploy-cloudrun step) and the shell scripts under .github/ and
/// scripts/ that a workflow calls. A `gcloud run deploy` command may span lines (continuations,
/// bash arrays), so its flags are read from the whole file that holds it.
/// </summary>
internal sealed partial class CloudRunRules : ICheckAnalyzer
{
    public bool ParsesYaml => true;

    public void Run(CheckContext context)
    {
        foreach (var path in context.Files.Paths.Where(p => context.InScope(p) && IsCandidate(p)))
        {
            var text = context.Files.Read(path);
            if (text is null || !text.Contains("run deploy", StringComparison.Ordinal) && !text.Contains("deploy-cloudrun@", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = context.Lines(path)!;
            var command = GcloudDeploy().Match(text);
            if (command.Success)
            {
                CheckFlags(context, path, lines, text, lines.LineOf(command.Index), "`gcloud run deploy`");
            }

            if (IsWorkflow(path) && context.Yaml(path) is { Count: > 0 } documents)
            {
                foreach (var (uses, with) in DeployActionSteps(documents[0].RootNode))
                {
                    CheckAction(context, path, uses, with);
                }
            }
        }
    }

    private static bool IsWorkflow(string path) =>
        path.StartsWith(WorkflowRules.Folder + "/", StringComparison.Ordinal) && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal));

    private static bool IsCandidate(string path) =>
        IsWorkflow(path)
        || (path.StartsWith(".github/", StringComparison.Ordinal) || path.StartsWith("scripts/", StringComparison.Ordinal) || path.StartsWith("infra/", StringComparison.Ordinal))
            && (path.EndsWith(".sh", StringComparison.Ordinal) || path.EndsWith(".bash", StringComparison.Ordinal));

    private static IEnumerable<(YamlScalarNode Uses, YamlNode? With)> DeployActionSteps(YamlNode root)
    {
        foreach (var (_, job) in root.Get("jobs").Entries())
        {
            foreach (var step in job.Get("steps").Items())
            {
                if (step.Get("uses") is YamlScalarNode uses && (uses.Value ?? "").StartsWith("google-github-actions/deploy-cloudrun@", StringComparison.OrdinalIgnoreCase))
                {
                    yield return (uses, step.Get("with"));
                }
            }
        }
    }

    private static void CheckFlags(CheckContext context, string path, TextLines lines, string flags, int line, string what)
    {
        var minInstances = MinInstances().Matches(flags);
        if (minInstances.Count == 0)
        {
            context.Add(Rules.CloudRunMinInstances, path, line, $"{what} without --min-instances: the service scales to zero and the first MCP call waits for a cold start.");
        }

        foreach (Match m in minInstances)
        {
            var value = m.Groups["value"].Value.Trim('"', '\'');
            if (!int.TryParse(value, out var count) || count < 1)
            {
                context.Add(Rules.CloudRunMinInstances, path, LineIn(lines, m, line), $"--min-instances={value}: must be a literal 1 or more.");
            }
        }

        if (!flags.Contains("--no-cpu-throttling", StringComparison.Ordinal))
        {
            context.Add(Rules.CloudRunCpuThrottling, path, line, $"{what} without --no-cpu-throttling: CPU is throttled between requests, so SSE keep-alives and drains stall.");
        }

        foreach (Match m in CpuThrottling().Matches(flags))
        {
            context.Add(Rules.CloudRunCpuThrottling, path, LineIn(lines, m, line), "--cpu-throttling throttles CPU between requests.");
        }

        foreach (Match m in SecretsFlag().Matches(flags))
        {
            CheckSecretList(context, path, LineIn(lines, m, line), m.Groups["value"].Value);
        }

        foreach (Match m in EnvVarsFlag().Matches(flags))
        {
            CheckEnvList(context, path, LineIn(lines, m, line), m.Groups["value"].Value, m.Groups["flag"].Value);
        }
    }

    private static void CheckAction(CheckContext context, string path, YamlScalarNode uses, YamlNode? with)
    {
        var flags = with.Get("flags").Text() ?? "";
        var line = with.Get("flags") is { } flagsNode ? flagsNode.Line() : uses.Line();
        if (!MinInstances().IsMatch(flags) && with.Get("flags") is null)
        {
            context.Add(Rules.CloudRunMinInstances, path, uses.Line(), "deploy-cloudrun without `flags: --min-instances=1`: the service scales to zero.");
        }
        else
        {
            foreach (Match m in MinInstances().Matches(flags))
            {
                var value = m.Groups["value"].Value.Trim('"', '\'');
                if (!int.TryParse(value, out var count) || count < 1)
                {
                    context.Add(Rules.CloudRunMinInstances, path, line, $"--min-instances={value}: must be a literal 1 or more.");
                }
            }

            if (!MinInstances().IsMatch(flags))
            {
                context.Add(Rules.CloudRunMinInstances, path, line, "deploy-cloudrun `flags` without --min-instances: the service scales to zero.");
            }
        }

        if (!flags.Contains("--no-cpu-throttling", StringComparison.Ordinal))
        {
            context.Add(Rules.CloudRunCpuThrottling, path, line, "deploy-cloudrun without --no-cpu-throttling in `flags`.");
        }

        foreach (Match m in SecretsFlag().Matches(flags))
        {
            CheckSecretList(context, path, line, m.Groups["value"].Value);
        }

        if (with.Get("secrets") is YamlScalarNode secrets)
        {
            CheckSecretList(context, path, secrets.Line(), secrets.Value ?? "");
        }

        foreach (var key in new[] { "env_vars", "env-vars" })
        {
            if (with.Get(key) is YamlScalarNode env)
            {
                CheckEnvList(context, path, env.Line(), env.Value ?? "", key);
            }
        }
    }

    /// <summary>`KEY=secret:version[,...]` (or one a line): every entry names a pinned version.</summary>
    private static void CheckSecretList(CheckContext context, string path, int line, string value)
    {
        foreach (var entry in value.Trim('"', '\'').Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var reference = eq < 0 ? entry : entry[(eq + 1)..];
            var colon = reference.LastIndexOf(':');
            var version = colon < 0 ? "" : reference[(colon + 1)..].Trim();
            if (version.Length == 0 || version.Equals("latest", StringComparison.OrdinalIgnoreCase))
            {
                context.Add(Rules.CloudRunSecrets, path, line, $"secret `{entry}` is not pinned to a version (`latest` or none): a new secret version changes running revisions on restart.");
            }
        }
    }

    private static void CheckEnvList(CheckContext context, string path, int line, string value, string flag)
    {
        foreach (var entry in value.Trim('"', '\'').Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.IndexOfAny(['=', ':']);
            var name = (eq < 0 ? entry : entry[..eq]).Trim();
            if (SecretNames.IsSecret(name))
            {
                context.Add(Rules.CloudRunSecrets, path, line, $"{flag} sets {name}: a secret passed as a plain environment variable; use --set-secrets {name}=<secret>:<version>.");
            }
        }
    }

    private static int LineIn(TextLines lines, Match match, int fallback) => match.Success ? lines.LineOf(match.Index) : fallback;

    [GeneratedRegex(@"gcloud\s+(?:(?:alpha|beta)\s+)?run\s+deploy\b")]
    private static partial Regex GcloudDeploy();

    [GeneratedRegex(@"--min-instances(?:=|\s+)(?<value>[^\s\\]+)")]
    private static partial Regex MinInstances();

    [GeneratedRegex(@"(?<!no-)--cpu-throttling\b")]
    private static partial Regex CpuThrottling();

    [GeneratedRegex(@"--(?:set|update)-secrets(?:=|\s+)(?<value>""[^""]*""|'[^']*'|[^\s\\]+)")]
    private static partial Regex SecretsFlag();

    [GeneratedRegex(@"(?<flag>--(?:set|update)-env-vars)(?:=|\s+)(?<value>""[^""]*""|'[^']*'|[^\s\\]+)")]
    private static partial Regex EnvVarsFlag();
}
