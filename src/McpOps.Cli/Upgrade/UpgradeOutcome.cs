namespace McpOps.Cli.Upgrade;

/// <summary>What `upgrade` did to one file.</summary>
internal enum UpgradeAction
{
    /// <summary>Untouched by the team: takes the new template content.</summary>
    Updated,

    /// <summary>Edited by the team and changed upstream: both kept, merged line by line.</summary>
    Merged,

    /// <summary>Edited by the team and changed upstream on the same lines: written with conflict markers.</summary>
    Conflict,

    /// <summary>New in the template: added.</summary>
    Added,

    /// <summary>Removed from the template and untouched by the team: deleted.</summary>
    Deleted,

    /// <summary>Removed from the template but edited by the team: kept as it is.</summary>
    KeptEdited,

    /// <summary>Deleted by the team but changed upstream: stays deleted.</summary>
    KeptDeleted,
}

internal sealed record UpgradeOutcome(string Path, UpgradeAction Action, int Conflicts = 0)
{
    public string Describe() => Action switch
    {
        UpgradeAction.Updated => $"updated  {Path}",
        UpgradeAction.Merged => $"merged   {Path} (your edits kept)",
        UpgradeAction.Conflict => $"CONFLICT {Path} ({Conflicts} {(Conflicts == 1 ? "region" : "regions")} between <<<<<<< and >>>>>>> markers)",
        UpgradeAction.Added => $"added    {Path}",
        UpgradeAction.Deleted => $"deleted  {Path} (removed from the template, untouched here)",
        UpgradeAction.KeptEdited => $"kept     {Path} (removed from the template, but edited here: delete it yourself if it is no longer needed)",
        UpgradeAction.KeptDeleted => $"skipped  {Path} (you deleted it; the template changed it)",
        _ => Path,
    };
}
