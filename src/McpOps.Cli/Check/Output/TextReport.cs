namespace McpOps.Cli.Check.Output;

/// <summary>
/// The report for people: one table row per finding (rule, level, file:line, message), the fix for
/// each rule that fired, the suppressed findings with their reasons, and a one-line summary.
/// Colour (ANSI) only when asked for: the command enables it on a terminal without NO_COLOR.
/// </summary>
internal static class TextReport
{
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Dim = "\u001b[2m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    public static void Write(TextWriter output, CheckReport report, bool colour)
    {
        string Paint(string text, string code) => colour ? code + text + Reset : text;

        var active = report.Active;
        if (active.Count > 0)
        {
            string[] header = ["RULE", "LEVEL", "LOCATION", "MESSAGE"];
            var rows = active.Select(f => new[] { f.Rule.Id, f.Rule.LevelText, f.Location, f.Message }).ToList();
            var widths = Enumerable.Range(0, 3).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
            output.WriteLine(Paint(Row(header, widths), Bold));
            foreach (var (row, finding) in rows.Zip(active))
            {
                var level = finding.Rule.Level == RuleLevel.Error ? Red : Yellow;
                output.WriteLine(string.Join("  ",
                    Paint(row[0].PadRight(widths[0]), level),
                    Paint(row[1].PadRight(widths[1]), level),
                    row[2].PadRight(widths[2]),
                    row[3]));
            }

            output.WriteLine();
            output.WriteLine(Paint("How to fix:", Bold));
            foreach (var rule in active.Select(f => f.Rule).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                output.WriteLine($"  {Paint(rule.Id, Bold)}  {rule.Description}");
                output.WriteLine($"  {new string(' ', rule.Id.Length)}  fix: {rule.Fix}");
            }
        }

        var suppressed = report.Suppressed;
        if (suppressed.Count > 0)
        {
            if (active.Count > 0)
            {
                output.WriteLine();
            }

            output.WriteLine(Paint("Suppressed:", Bold));
            foreach (var f in suppressed)
            {
                var source = f.Suppression!.Kind == SuppressionKind.Config ? $"{f.Suppression.Path}:{f.Suppression.Line}" : "inline";
                output.WriteLine(Paint($"  {f.Rule.Id}  {f.Location}  {f.Message}", Dim));
                output.WriteLine(Paint($"  {new string(' ', f.Rule.Id.Length)}  reason ({source}): {f.Suppression.Reason}", Dim));
            }
        }

        if (active.Count > 0 || suppressed.Count > 0)
        {
            output.WriteLine();
        }

        var scope = report.ModuleFilter is null ? $"{report.Modules.Count} module(s)" : $"module {report.ModuleFilter}";
        var summary = active.Count == 0
            ? $"mcpops check: no findings ({scope}, {Rules.All.Count} rules{(suppressed.Count > 0 ? $", {suppressed.Count} suppressed" : "")})."
            : $"mcpops check: {active.Count} finding(s) ({scope}{(suppressed.Count > 0 ? $", {suppressed.Count} suppressed" : "")}).";
        output.WriteLine(Paint(summary, active.Count == 0 ? Bold : Bold + Red));
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < widths.Length ? c.PadRight(widths[i]) : c)).TrimEnd();
}
