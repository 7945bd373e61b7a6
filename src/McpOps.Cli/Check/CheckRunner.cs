using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using McpOps.Cli.Check.Compose;
using McpOps.Cli.Check.Docker;
using McpOps.Cli.Check.Kubernetes;
using McpOps.Cli.Check.Modules;
using McpOps.Cli.Check.Pins;
using McpOps.Cli.Check.Railway;
using McpOps.Cli.Check.Repository;
using McpOps.Cli.Check.Suppressions;
using McpOps.Cli.Check.Workflows;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check;

/// <summary>Runs every analyzer over the files, applies suppressions, and returns the report.</summary>
internal static class CheckRunner
{
    private static readonly ICheckAnalyzer[] Analyzers =
    [
        new DockerfileRules(),
        new DockerIgnoreRules(),
        new ModuleRules(),
        new ModuleWorkspaceRules(),
        new RailwayRules(),
        new CloudRunRules(),
        new WorkflowRules(),
        new KubernetesRules(),
        new ComposeRules(),
        new RepositoryRules(),
        new PinRules(),
        new Edge.EdgeRules(),
    ];

    /// <summary>Throws <see cref="WorkspaceException"/> (exit 2) for an unknown module or unreadable files, naming each.</summary>
    public static CheckReport Run(CheckFiles files, string? moduleFilter = null)
    {
        var context = new CheckContext(files, moduleFilter);
        if (moduleFilter is not null && context.Modules.Count == 0)
        {
            var names = context.AllModules.Select(m => m.Name).DefaultIfEmpty("none");
            throw new WorkspaceException($"no module named '{moduleFilter}' (no modules/{moduleFilter}/mcp/). Modules: {string.Join(", ", names)}.");
        }

        RunAnalyzers(context);

        var suppressions = SuppressionConfig.Read(context).Concat(InlineSuppressions.Read(context)).ToList();
        if (context.Unreadable.Count > 0)
        {
            throw new WorkspaceException([.. context.Unreadable.Distinct(StringComparer.Ordinal)]);
        }

        var findings = new List<Finding>();
        foreach (var finding in context.Findings)
        {
            var by = suppressions.FirstOrDefault(s => s.HasReason && s.Covers(finding));
            findings.Add(by is null ? finding : finding with { Suppression = new Suppression(by.Kind, by.Reason.Trim(), by.SourcePath, by.SourceLine) });
        }

        foreach (var entry in suppressions)
        {
            var where = entry.Kind == SuppressionKind.Config ? $"suppression in {entry.SourcePath}" : "inline suppression";
            var module = CheckContext.ModuleOf(entry.SourcePath);
            foreach (var id in entry.RuleIds.Where(id => Rules.Find(id) is null))
            {
                findings.Add(new Finding(Rules.SuppressionUnknownRule, entry.SourcePath, entry.SourceLine,
                    id.Length == 0 ? $"{where} names no rule." : $"{where} names unknown rule `{id}`.", module));
            }

            if (!entry.HasReason)
            {
                findings.Add(new Finding(Rules.SuppressionWithoutReason, entry.SourcePath, entry.SourceLine,
                    $"{where} of {string.Join(", ", entry.RuleIds.Where(i => i.Length > 0).DefaultIfEmpty("?"))} gives no reason, so it suppresses nothing.", module));
            }
        }

        if (moduleFilter is not null)
        {
            findings.RemoveAll(f => f.Module != moduleFilter);
        }

        var ordered = findings
            .DistinctBy(f => (f.Rule.Id, f.Path, f.Line, f.Message))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        return new CheckReport(ordered, context.Modules, moduleFilter);
    }

    /// <summary>
    /// The analyzers share nothing but the files and caches, so they run side by side (on 500 modules a
    /// sequential run spent ~1.5 s of CPU, about half of it parsing YAML and reading files). The ones that
    /// parse YAML share one lane, run one after another (<see cref="ICheckAnalyzer.ParsesYaml"/>), and each
    /// other analyzer is a lane of its own, taken by the next free thread. Each analyzer writes to its own
    /// view of the context, merged in the order above, and the first analyzer (in that order) to throw
    /// decides the error: the outcome is the sequential one.
    /// </summary>
    private static void RunAnalyzers(CheckContext context)
    {
        var views = Analyzers.Select(context.ForAnalyzer).ToArray();
        var failures = new Exception?[Analyzers.Length];
        var indexes = Enumerable.Range(0, Analyzers.Length).ToList();
        var lanes = indexes.Where(i => !Analyzers[i].ParsesYaml).Select(i => new[] { i })
            .Prepend([.. indexes.Where(i => Analyzers[i].ParsesYaml)]);
        Parallel.ForEach(
            Partitioner.Create(lanes, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            lane =>
            {
                foreach (var i in lane)
                {
                    try
                    {
                        Analyzers[i].Run(views[i]);
                    }
#pragma warning disable CA1031 // Rethrown below, the first in analyzer order.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        failures[i] = ex;
                    }
                }
            });
        _ = context.AllModules; // a workspace whose modules cannot be discovered fails with that error, as it always did
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        foreach (var view in views)
        {
            context.Absorb(view);
        }
    }
}
