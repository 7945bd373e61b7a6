namespace McpOps.Cli.Railway;

/// <summary>
/// Reads a variable's value from a file or standard input, never from the command line (argv ends up
/// in shell history and in every process listing). One trailing line break is dropped, as `echo` and
/// editors add one. The value is held only long enough to hand it to Railway and is never printed.
/// </summary>
internal static class SecretValue
{
    public static string Read(string key, string? fromFile, TextReader input, TextWriter prompt)
    {
        string text;
        if (fromFile is not null)
        {
            if (!File.Exists(fromFile))
            {
                throw new RailwayException($"--from-file {fromFile}: no such file. Give the file that holds the value of {key}.");
            }

            text = File.ReadAllText(fromFile);
        }
        else if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            text = ReadHidden(key, prompt);
        }
        else
        {
            text = input.ReadToEnd();
        }

        var value = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
            : text.EndsWith('\n') ? text[..^1]
            : text;
        return value.Length > 0
            ? value
            : throw new RailwayException($"the value of {key} is empty: pipe it in (`printf %s \"$VALUE\" | mcpops railway env <module> set {key}`) or pass --from-file <path>.");
    }

    /// <summary>Typed at a terminal: read key by key without echo.</summary>
    private static string ReadHidden(string key, TextWriter prompt)
    {
        prompt.Write($"value of {key} (not shown): ");
        var value = new System.Text.StringBuilder();
        for (var typed = Console.ReadKey(intercept: true); typed.Key != ConsoleKey.Enter; typed = Console.ReadKey(intercept: true))
        {
            if (typed.Key == ConsoleKey.Backspace)
            {
                value.Length = Math.Max(0, value.Length - 1);
            }
            else if (!char.IsControl(typed.KeyChar))
            {
                value.Append(typed.KeyChar);
            }
        }

        prompt.WriteLine();
        return value.ToString();
    }
}
