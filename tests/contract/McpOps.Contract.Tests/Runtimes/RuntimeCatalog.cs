namespace McpOps.Contract.Tests.Runtimes;

/// <summary>Every runtime the contract runs against. A new runtime adds its adapter here.</summary>
public static class RuntimeCatalog
{
    private static readonly RuntimeAdapter[] Adapters =
    [
        new TypeScriptRuntime(),
        new DotnetRuntime(),
        // Supabase's hosted Edge Runtime is Deno 2.1-compatible; the latest 2.x catches what a newer Deno changes.
        new DenoEdgeRuntime("edge-deno-2.1", "deno-2.1"),
        new DenoEdgeRuntime("edge-deno-latest", "deno-latest"),
    ];

    public static IEnumerable<string> All => Adapters.Select(adapter => adapter.Name);

    /// <summary>Theory data: one row per runtime, by name (xunit shows it in the test name).</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var adapter in Adapters)
            {
                data.Add(adapter.Name);
            }

            return data;
        }
    }

    /// <summary>Theory data: the Supabase Edge entry under each Deno build.</summary>
    public static TheoryData<string> EdgeNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var adapter in Adapters.OfType<DenoEdgeRuntime>())
            {
                data.Add(adapter.Name);
            }

            return data;
        }
    }

    public static RuntimeAdapter Get(string name) => Adapters.Single(adapter => adapter.Name == name);
}
