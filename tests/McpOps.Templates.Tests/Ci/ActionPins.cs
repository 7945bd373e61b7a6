using System.Text.RegularExpressions;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// The pinning rule for GitHub Actions, shared by the generated workflows' policy tests and this
/// repository's release workflow: every `uses:` is a full 40-hex commit SHA with a `# vX.Y.Z`
/// comment (tags of actions have been hijacked; a SHA cannot move). Local reusable workflows
/// (`./.github/workflows/...`) are the same commit and need no pin.
/// </summary>
public static partial class ActionPins
{
    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s+(?<ref>\S+)(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^\s+#\s+v\d+\.\d+\.\d+$")]
    private static partial Regex VersionComment();

    /// <summary>Every `uses:` reference of a workflow with the text after it (the version comment).</summary>
    public static IReadOnlyList<(string Reference, string Comment)> Uses(string workflowText) =>
        [.. UsesLine().Matches(workflowText).Select(m => (m.Groups["ref"].Value, m.Groups["rest"].Value.Trim()))];

    /// <summary>What is wrong with each `uses:` of the workflow; empty when every one is pinned.</summary>
    public static IReadOnlyList<string> Problems(string workflowText)
    {
        var problems = new List<string>();
        foreach (Match use in UsesLine().Matches(workflowText))
        {
            var reference = use.Groups["ref"].Value;
            if (reference.StartsWith("./.github/workflows/", StringComparison.Ordinal))
            {
                continue;
            }

            if (!PinnedAction().IsMatch(reference))
            {
                problems.Add($"`{reference}` is not pinned to a full commit SHA");
            }
            else if (!VersionComment().IsMatch(use.Groups["rest"].Value))
            {
                problems.Add($"`{reference}` has no `# vX.Y.Z` comment");
            }
        }

        return problems;
    }
}
