namespace McpOps.Cli.Tests.Modules;

/// <summary>
/// Property-style samples of module names: a fixed seed gives the same names on every run, and the
/// shapes cover what users type (one word, dashed words, digits inside, the shortest and longest
/// names) plus raw input the template and mcpops must normalise alike (case, acronyms, punctuation,
/// non-ASCII letters, leading digits, reserved words, '--').
/// </summary>
public static class ModuleNameSamples
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string Alphanumerics = Letters + "0123456789";

    public static IEnumerable<string> Valid(int count = 200, int seed = 14)
    {
        var random = new Random(seed);
        yield return "ab";
        yield return "billing";
        yield return "crm-sync";
        yield return new string('a', 26);
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(2, 27);
            var chars = new char[length];
            chars[0] = Letters[random.Next(Letters.Length)];
            for (var j = 1; j < length; j++)
            {
                var dash = j < length - 1 && chars[j - 1] != '-' && random.Next(5) == 0;
                chars[j] = dash ? '-' : Alphanumerics[random.Next(Alphanumerics.Length)];
            }

            var name = new string(chars);
            if (Cli.Modules.ModuleName.IsValid(name))
            {
                yield return name;
            }
        }
    }

    public static IEnumerable<string> RawInputs(int count = 300, int seed = 41)
    {
        string[] fixedInputs =
        [
            "billing", "Billing", "BillingService", "HTTPServer", "getHTTPResponse", "x--y", "xn--abc", "9lives", "Ünïcode",
            "a", "A", "_shared", "infra", "Infra", "node_modules", "mcp-core", "dist", "bad name", "  spaced  ", "---", "",
            "crm.sync", "crm_sync", "CRM Sync 2", "über-service", "naïve", "日本", "a-", "-a", "ab", "x9", "1", "12",
            new string('a', 26), new string('a', 27), new string('b', 60), "abcdefghijklmnopqrstuvwxy-zz", "IOStream", "MyAPIv2Client",
        ];
        foreach (var input in fixedInputs)
        {
            yield return input;
        }

        const string Pieces = "abcxyzABCXYZ0189-_. ÜéßИ--";
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(0, 40);
            yield return new string([.. Enumerable.Range(0, length).Select(_ => Pieces[random.Next(Pieces.Length)])]);
        }
    }
}
