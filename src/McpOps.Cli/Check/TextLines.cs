namespace McpOps.Cli.Check;

/// <summary>Line numbers of a text: 1-based, for offsets found by a regular expression.</summary>
internal sealed class TextLines
{
    private readonly List<int> _starts = [0];

    public TextLines(string text)
    {
        Text = text;
        // IndexOf is vectorised (and precompiled in the framework); a loop over every char ran as
        // unoptimised tier-0 code for most of a `check` on 500 modules.
        for (var at = text.IndexOf('\n', StringComparison.Ordinal); at >= 0; at = text.IndexOf('\n', at + 1))
        {
            _starts.Add(at + 1);
        }
    }

    public string Text { get; }

    public int Count => _starts.Count;

    public int LineOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>The text of 1-based line <paramref name="line"/> without its line break.</summary>
    public string Line(int line) => LineSpan(line).ToString();

    /// <summary>The text of 1-based line <paramref name="line"/> without its line break, without a copy.</summary>
    public ReadOnlySpan<char> LineSpan(int line)
    {
        if (line < 1 || line > _starts.Count)
        {
            return [];
        }

        var start = _starts[line - 1];
        var end = line < _starts.Count ? _starts[line] - 1 : Text.Length;
        return Text.AsSpan(start, end - start).TrimEnd('\r');
    }

    /// <summary>The first line containing <paramref name="needle"/>, or <paramref name="fallback"/>.</summary>
    public int Find(string needle, int fallback = 1)
    {
        var at = Text.IndexOf(needle, StringComparison.Ordinal);
        return at < 0 ? fallback : LineOf(at);
    }
}
