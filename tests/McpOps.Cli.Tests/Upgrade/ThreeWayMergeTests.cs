using McpOps.Cli.FileSystem;
using McpOps.Cli.Upgrade;

namespace McpOps.Cli.Tests.Upgrade;

/// <summary>The line-based three-way merge, and what `upgrade` does to one file in each case.</summary>
public sealed class ThreeWayMergeTests
{
    private const string Base = "FROM node:22.11-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"dist/index.js\"]\n";

    [Fact]
    public void A_change_on_one_side_only_is_taken()
    {
        var ours = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        Assert.Equal(new MergeResult(ours, 0), Merge(Base, Base, ours));
        Assert.Equal(new MergeResult(ours, 0), Merge(Base, ours, Base));
    }

    [Fact]
    public void Edits_on_separate_lines_are_both_kept()
    {
        var theirs = Base.Replace("USER node\n", "USER node\nLABEL team=payments\n", StringComparison.Ordinal);
        var ours = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        var merged = Merge(Base, theirs, ours);

        Assert.Equal(0, merged.Conflicts);
        Assert.Equal("FROM node:22.12-slim\nWORKDIR /app\nCOPY . .\nUSER node\nLABEL team=payments\nCMD [\"node\", \"dist/index.js\"]\n", merged.Text);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_taken_once()
    {
        var both = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        Assert.Equal(new MergeResult(both, 0), Merge(Base, both, both));
    }

    [Fact]
    public void Different_changes_to_the_same_line_are_a_conflict_with_standard_markers_and_base()
    {
        var theirs = Base.Replace("22.11", "22.11.1", StringComparison.Ordinal);
        var ours = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        var merged = Merge(Base, theirs, ours);

        Assert.Equal(1, merged.Conflicts);
        Assert.Equal(
            "<<<<<<< workspace\nFROM node:22.11.1-slim\n||||||| McpOps 0.9.0\nFROM node:22.11-slim\n=======\nFROM node:22.12-slim\n>>>>>>> McpOps 1.0.0\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"dist/index.js\"]\n",
            merged.Text);
    }

    [Fact]
    public void Conflicts_are_counted_per_region_and_the_clean_regions_between_them_merge()
    {
        var theirs = "a\nB1\nc\nd\ne\nf\nG1\n";
        var ours = "a\nB2\nc\nD\ne\nf\nG2\n";

        var merged = Merge("a\nb\nc\nd\ne\nf\ng\n", theirs, ours);

        Assert.Equal(2, merged.Conflicts);
        Assert.Contains("c\nD\ne\nf\n", merged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crlf_workspace_file_merges_with_lf_template_output_and_stays_crlf()
    {
        var theirs = Base.Replace("USER node\n", "USER node\nLABEL team=payments\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var ours = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        var merged = Merge(Base, theirs, ours);

        Assert.Equal(0, merged.Conflicts);
        Assert.Equal("FROM node:22.12-slim\r\nWORKDIR /app\r\nCOPY . .\r\nUSER node\r\nLABEL team=payments\r\nCMD [\"node\", \"dist/index.js\"]\r\n", merged.Text);
    }

    [Fact]
    public void A_missing_final_newline_is_an_edit_like_any_other()
    {
        var theirs = Base.TrimEnd('\n');
        var ours = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        var merged = Merge(Base, theirs, ours);

        Assert.Equal(new MergeResult(ours.TrimEnd('\n'), 0), merged);
        var conflict = Merge("x\n", "y", "z\n");
        Assert.Equal("<<<<<<< workspace\ny\n||||||| McpOps 0.9.0\nx\n=======\nz\n>>>>>>> McpOps 1.0.0\n", conflict.Text);
    }

    [Fact]
    public void Marked_blocks_belong_to_sync_so_the_template_s_empty_block_never_conflicts_with_the_wired_one()
    {
        var baseText = "# acme\n\n<!-- mcpops:begin modules -->\n<!-- mcpops:end modules -->\n";
        var theirs = "# acme\n\n<!-- mcpops:begin modules -->\n| billing | 8080 |\n<!-- mcpops:end modules -->\n";
        var ours = "# acme\n\n<!-- mcpops:begin modules -->\n| (none yet) |\n<!-- mcpops:end modules -->\n\nSee docs/upgrade.md.\n";
        var tree = Tree(("README.md", theirs));

        var outcome = UpgradePlanner.MergeFile(tree, "README.md", baseText, ours, "McpOps 0.9.0", "McpOps 1.0.0");

        Assert.Equal(UpgradeAction.Merged, outcome?.Action);
        Assert.Equal("# acme\n\n<!-- mcpops:begin modules -->\n| billing | 8080 |\n<!-- mcpops:end modules -->\n\nSee docs/upgrade.md.\n", tree.Read("README.md"));
    }

    [Fact]
    public void An_untouched_file_takes_the_new_content()
    {
        var tree = Tree(("Dockerfile", Base));
        var ours = Base.Replace("22.11", "22.12", StringComparison.Ordinal);

        Assert.Equal(UpgradeAction.Updated, MergeFile(tree, "Dockerfile", Base, ours)?.Action);
        Assert.Equal(ours, tree.Read("Dockerfile"));
    }

    [Fact]
    public void An_edited_file_the_template_did_not_change_is_left_alone()
    {
        var theirs = Base + "HEALTHCHECK NONE\n";
        var tree = Tree(("Dockerfile", theirs));

        Assert.Null(MergeFile(tree, "Dockerfile", Base, Base));
        Assert.False(tree.HasChanges);
    }

    [Fact]
    public void A_conflicting_file_is_written_with_markers_and_reported()
    {
        var tree = Tree(("Dockerfile", Base.Replace("22.11", "22.11.1", StringComparison.Ordinal)));

        var outcome = MergeFile(tree, "Dockerfile", Base, Base.Replace("22.11", "22.12", StringComparison.Ordinal));

        Assert.Equal(new UpgradeOutcome("Dockerfile", UpgradeAction.Conflict, 1), outcome);
        Assert.Contains("<<<<<<< workspace\n", tree.Read("Dockerfile"), StringComparison.Ordinal);
        Assert.Contains("CONFLICT Dockerfile (1 region", outcome!.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_deleted_upstream_is_deleted_when_untouched_and_kept_when_edited()
    {
        var tree = Tree(("untouched.md", "old\n"), ("edited.md", "old\nmine\n"));

        Assert.Equal(UpgradeAction.Deleted, MergeFile(tree, "untouched.md", "old\n", null)?.Action);
        Assert.Equal(UpgradeAction.KeptEdited, MergeFile(tree, "edited.md", "old\n", null)?.Action);
        Assert.False(tree.FileExists("untouched.md"));
        Assert.Equal("old\nmine\n", tree.Read("edited.md"));
    }

    [Fact]
    public void A_file_deleted_locally_stays_deleted_and_is_reported_when_upstream_changed_it()
    {
        var tree = Tree(("other.md", "x\n"));

        Assert.Equal(UpgradeAction.KeptDeleted, MergeFile(tree, "gone.md", "old\n", "new\n")?.Action);
        Assert.Null(MergeFile(tree, "gone-unchanged.md", "old\n", "old\n"));
        Assert.False(tree.HasChanges);
    }

    [Fact]
    public void A_file_added_upstream_is_added_and_one_the_team_already_has_is_merged_not_overwritten()
    {
        var tree = Tree(("mine.md", "the team's\n"));

        Assert.Equal(UpgradeAction.Added, MergeFile(tree, "docs/runbook.md", null, "# Runbook\n")?.Action);
        Assert.Equal("# Runbook\n", tree.Read("docs/runbook.md"));
        Assert.Equal(UpgradeAction.Conflict, MergeFile(tree, "mine.md", null, "the template's\n")?.Action);
        Assert.Contains("the team's\n", tree.Read("mine.md"), StringComparison.Ordinal);
    }

    private static MergeResult Merge(string baseText, string theirs, string ours) =>
        ThreeWayMerge.Merge(baseText, theirs, ours, "workspace", "McpOps 0.9.0", "McpOps 1.0.0");

    private static UpgradeOutcome? MergeFile(FileTree tree, string path, string? baseText, string? ours) =>
        UpgradePlanner.MergeFile(tree, path, baseText, ours, "McpOps 0.9.0", "McpOps 1.0.0");

    private static FileTree Tree(params (string Path, string Text)[] files)
    {
        var source = new InMemoryFileSource();
        foreach (var (path, text) in files)
        {
            source[path] = text;
        }

        return new FileTree(source);
    }
}
