using System.Text.Json;
using McpOps.Templates.Tests.Ci;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>This repository's .github/workflows/release.yml, as text and as parsed YAML.</summary>
public sealed class ReleaseWorkflow
{
    public const string RelativePath = ".github/workflows/release.yml";
    public const string GateScript = ".github/scripts/release-version.sh";

    private ReleaseWorkflow(string text, JsonElement root)
    {
        Text = text;
        Root = root;
    }

    public static string FullPath => Path.Combine(RepositoryPaths.Root, RelativePath);

    public string Text { get; }

    public JsonElement Root { get; }

    public IEnumerable<JsonProperty> Jobs => Root.GetProperty("jobs").EnumerateObject();

    public static async Task<ReleaseWorkflow> LoadAsync() =>
        new(File.ReadAllText(FullPath), await WorkflowTools.YamlAsJsonAsync(FullPath));

    public JsonElement Job(string name) => Root.GetProperty("jobs").GetProperty(name);

    /// <summary>
    /// The `-p:NAME=VALUE` properties (without `-p:`) the workflow passes to `dotnet pack` of <paramref name="project"/>:
    /// the same on every pack of it (the tool is packed in more than one job), or the test fails here.
    /// </summary>
    public string[] PackProperties(string project)
    {
        var command = $"dotnet pack {Path.GetRelativePath(RepositoryPaths.Root, project).Replace('\\', '/')} ";
        var sets = Jobs.SelectMany(j => Steps(j.Value)).SelectMany(s => Run(s).Split('\n')).Select(l => l.Trim())
            .Where(l => l.StartsWith(command, StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("-p:", StringComparison.Ordinal)).Select(w => w[3..])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(sets.Count == 1, $"{RelativePath} packs {project} with different properties: {string.Join(" | ", sets)}");
        return sets[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The RIDs of the pack-native matrix: each native tool package is packed on its own platform.</summary>
    public IReadOnlyList<string> NativeRids() =>
        [.. Job("pack-native").GetProperty("strategy").GetProperty("matrix").GetProperty("include").EnumerateArray().Select(e => e.GetProperty("rid").GetString()!)];

    public static IEnumerable<JsonElement> Steps(JsonElement job) => job.GetProperty("steps").EnumerateArray();

    public static string Uses(JsonElement step) => step.TryGetProperty("uses", out var uses) ? uses.GetString()! : "";

    public static string Run(JsonElement step) => step.TryGetProperty("run", out var run) ? run.GetString()! : "";

    public static IReadOnlyList<string> Needs(JsonElement job) =>
        !job.TryGetProperty("needs", out var needs) ? []
        : needs.ValueKind == JsonValueKind.String ? [needs.GetString()!]
        : [.. needs.EnumerateArray().Select(n => n.GetString()!)];

    /// <summary>Every job <paramref name="job"/> waits for, directly or through other jobs.</summary>
    public IReadOnlySet<string> Upstream(string job)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Needs(Job(job)));
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var need in Needs(Job(next)))
                {
                    pending.Push(need);
                }
            }
        }

        return seen;
    }
}
