using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Upgrade;

/// <summary>The planned upgrade: what happened to each file, the instances left at their old version, and notes.</summary>
internal sealed record UpgradePlan(IReadOnlyList<UpgradeOutcome> Outcomes, IReadOnlyList<string> Notes)
{
    public int Conflicts => Outcomes.Count(o => o.Action == UpgradeAction.Conflict);
}

/// <summary>
/// Plans `mcpops upgrade` on a <see cref="FileTree"/>: for every recorded template instance, renders the
/// recorded version (base) and the target version (ours) with the recorded options, and merges each file
/// three ways with the workspace (theirs). Only the tree changes; the caller commits it once.
/// </summary>
internal static class UpgradePlanner
{
    public static UpgradePlan Plan(FileTree tree, ITemplateRenderer renderer, string targetVersion)
    {
        var recorded = TemplateRecord.Read(tree);
        // Template runs the record does not list (plain `dotnet new`, or a renamed module) carry their own trace.
        var traced = ModuleTemplateSection.Unrecorded(tree, recorded).Concat(InstanceTraces.Unrecorded(tree, recorded)).ToHashSet();
        var instances = recorded.Concat(traced).ToList();
        if (instances.Count == 0)
        {
            throw new WorkspaceException(
                $"nothing to upgrade from: {TemplateRecord.Path} is missing or empty (`mcpops new` and `mcpops add` write it), {InstanceTraces.Folder}/ holds no trace and no module's {ModuleMetadata.FileName} has a \"{ModuleTemplateSection.Key}\" section (the templates write them). "
                + "See docs/upgrade.md for workspaces made before either existed.");
        }

        var upgrading = instances.Where(i => i.Version != targetVersion).ToList();
        // Instances that may be untouched need only the new render; an instance edited after all (checked against
        // the new render, below) is rendered at its version afterwards.
        var maybeUntouched = upgrading.Where(i => MaybeUntouched(tree, i)).ToHashSet();
        var renders = RenderAll(renderer, upgrading.SelectMany(i => maybeUntouched.Contains(i) ? new[] { (targetVersion, i) } : [(i.Version, i), (targetVersion, i)]));
        var fromRecord = new Dictionary<TemplateInstance, Dictionary<string, string>>();
        foreach (var instance in maybeUntouched)
        {
            if (FromRecord(tree, instance, Prefix(instance.Output, renders[(targetVersion, instance)])) is { } written)
            {
                fromRecord[instance] = written;
            }
        }

        foreach (var (job, files) in RenderAll(renderer, maybeUntouched.Where(i => !fromRecord.ContainsKey(i)).Select(i => (i.Version, i))))
        {
            renders[job] = files;
        }
        var outcomes = new List<UpgradeOutcome>();
        var notes = new List<string>();
        var kept = new List<TemplateInstance>();
        foreach (var instance in instances)
        {
            if (instance.Version == targetVersion)
            {
                if (!traced.Contains(instance))
                {
                    kept.Add(instance);
                }

                continue;
            }

            var ourFiles = Prefix(instance.Output, renders[(targetVersion, instance)]);
            Dictionary<string, string> baseFiles;
            if (fromRecord.TryGetValue(instance, out var written))
            {
                baseFiles = written;
            }
            else
            {
                baseFiles = Prefix(instance.Output, renders[(instance.Version, instance)]);
                CheckReproduced(instance, baseFiles);
            }

            if (!baseFiles.Keys.Any(tree.FileExists))
            {
                // A removed module (or one renamed by hand): nothing of it is left to upgrade, and adding its new files back would resurrect it.
                notes.Add($"`{instance.Describe()}`: none of its files are in the workspace any more; dropped from {TemplateRecord.Path}.");
                continue;
            }

            var baseLabel = $"McpOps {instance.Version}";
            var oursLabel = $"McpOps {targetVersion}";
            foreach (var path in baseFiles.Keys.Union(ourFiles.Keys).Order(StringComparer.Ordinal))
            {
                if (MergeFile(tree, path, baseFiles.GetValueOrDefault(path), ourFiles.GetValueOrDefault(path), baseLabel, oursLabel) is { } outcome)
                {
                    outcomes.Add(outcome);
                }
            }

            kept.Add(instance with { Version = targetVersion, Files = TemplateRecord.Hashes(ourFiles) });
        }

        TemplateRecord.Write(tree, kept);
        return new UpgradePlan(outcomes, notes);
    }

    /// <summary>One file, three ways. Null: nothing to do (no side changed it, or only the team did).</summary>
    public static UpgradeOutcome? MergeFile(FileTree tree, string path, string? baseText, string? ours, string baseLabel, string oursLabel)
    {
        var theirs = tree.Read(path);
        if (theirs == ours || baseText == ours)
        {
            return null;
        }

        if (theirs is null)
        {
            if (baseText is null)
            {
                tree.Write(path, ours!);
                return new UpgradeOutcome(path, UpgradeAction.Added);
            }

            return new UpgradeOutcome(path, UpgradeAction.KeptDeleted);
        }

        if (ours is null)
        {
            if (theirs == baseText)
            {
                tree.DeleteFile(path);
                return new UpgradeOutcome(path, UpgradeAction.Deleted);
            }

            return new UpgradeOutcome(path, UpgradeAction.KeptEdited);
        }

        if (theirs == baseText)
        {
            tree.Write(path, ours);
            return new UpgradeOutcome(path, UpgradeAction.Updated);
        }

        var merged = ThreeWayMerge.Merge(
            SyncOwnedBlocks.AlignTo(theirs, baseText ?? ""),
            theirs,
            SyncOwnedBlocks.AlignTo(theirs, ours),
            "workspace",
            baseLabel,
            oursLabel);
        if (merged.Text == theirs)
        {
            return null;
        }

        tree.Write(path, merged.Text);
        return merged.Conflicts > 0
            ? new UpgradeOutcome(path, UpgradeAction.Conflict, merged.Conflicts)
            : new UpgradeOutcome(path, UpgradeAction.Merged);
    }

    /// <summary>
    /// Every recorded file still hashes as recorded, was deleted, or has sync's marked blocks (which sync rewrites
    /// after the template wrote them, so the hash alone cannot tell; <see cref="AsWritten"/> decides).
    /// </summary>
    private static bool MaybeUntouched(FileTree tree, TemplateInstance instance) =>
        instance.Files.Count > 0
        && instance.Files.All(f => tree.Read(f.Key) is not { } text || TemplateRecord.Hash(text) == f.Value || SyncOwnedBlocks.HasBlocks(text));

    /// <summary>
    /// The old output of an instance the team did not edit, without rendering the old version: each file as the
    /// template wrote it (<see cref="AsWritten"/>); a deleted one is the new content when the hashes say it did
    /// not change, otherwise a stand-in that only tells MergeFile "changed upstream" (it is never written).
    /// Null when a file was edited: then only a render of the old version can be the base.
    /// </summary>
    private static Dictionary<string, string>? FromRecord(FileTree tree, TemplateInstance instance, Dictionary<string, string> ourFiles)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, hash) in instance.Files)
        {
            var ours = ourFiles.GetValueOrDefault(path);
            if (tree.Read(path) is not { } text)
            {
                result[path] = ours is not null && TemplateRecord.Hash(ours) == hash ? ours : $"(the {instance.Version} content of {path}; deleted here)";
            }
            else if (AsWritten(text, hash, ours) is { } written)
            {
                result[path] = written;
            }
            else
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>
    /// The workspace file as the template wrote it: itself when it hashes as recorded; else, when it has marked
    /// blocks, itself with the blocks the template writes (the new render's; sync filled them since) when that
    /// hashes as recorded - the hash proves it is the old output byte for byte. Null: the team edited it.
    /// </summary>
    private static string? AsWritten(string text, string hash, string? ours)
    {
        if (TemplateRecord.Hash(text) == hash)
        {
            return text;
        }

        return ours is not null && SyncOwnedBlocks.AlignTo(ours, text) is var candidate && TemplateRecord.Hash(candidate) == hash ? candidate : null;
    }

    /// <summary>
    /// Every render the upgrade needs, run in parallel (each is a `dotnet new` process, mostly start-up),
    /// before anything is merged. The first failure, in instance order, is the one reported.
    /// </summary>
    private static Dictionary<(string Version, TemplateInstance Instance), IReadOnlyDictionary<string, string>> RenderAll(
        ITemplateRenderer renderer, IEnumerable<(string Version, TemplateInstance Instance)> jobs)
    {
        var list = jobs.ToList();
        var results = new IReadOnlyDictionary<string, string>?[list.Count];
        var failures = new Exception?[list.Count];
        Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, index =>
        {
            try
            {
                results[index] = renderer.Render(list[index].Version, list[index].Instance.Template, list[index].Instance.Arguments);
            }
            catch (Exception ex) when (ex is WorkspaceException or IOException or InvalidOperationException)
            {
                failures[index] = ex;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return Enumerable.Range(0, list.Count).ToDictionary(i => list[i], i => results[i]!);
    }

    /// <summary>The base must be what the recorded version wrote; otherwise the merge would take the team's lines for upstream ones.</summary>
    private static void CheckReproduced(TemplateInstance instance, Dictionary<string, string> baseFiles)
    {
        var differing = instance.Files
            .Where(f => !baseFiles.TryGetValue(f.Key, out var content) || TemplateRecord.Hash(content) != f.Value)
            .Select(f => f.Key)
            .ToList();
        if (differing.Count > 0)
        {
            throw new WorkspaceException(
                $"McpOps.Templates {instance.Version} does not reproduce what `{instance.Describe()}` wrote ({string.Join(", ", differing.Take(3))}{(differing.Count > 3 ? ", ..." : "")} differ from {TemplateRecord.Path}). "
                + $"Pass the package that wrote them with `--from <McpOps.Templates.{instance.Version}.nupkg>`.");
        }
    }

    private static Dictionary<string, string> Prefix(string output, IReadOnlyDictionary<string, string> files) =>
        files.ToDictionary(f => FileTree.Combine(output, f.Key), f => f.Value, StringComparer.Ordinal);
}
