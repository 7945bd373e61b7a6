using System.Globalization;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// The port a new module listens on: the one asked for, unless another module has it, else the lowest
/// from <see cref="First"/> up that no module of the workspace uses (compose publishes each module's
/// port on the host, so two modules on one port cannot run side by side).
/// </summary>
internal static class ModulePorts
{
    public const int First = 8080;

    public static int Choose(Workspace workspace, int? requested)
    {
        var used = workspace.Modules.Where(m => m.Port is not null).ToDictionary(m => m.Port!.Value, m => m.Name);
        if (requested is { } port)
        {
            if (used.TryGetValue(port, out var owner))
            {
                throw new WorkspaceException($"--port {port.ToString(CultureInfo.InvariantCulture)} is already the port of module '{owner}'; leave --port out to get the next free port ({Next(used.Keys).ToString(CultureInfo.InvariantCulture)}).");
            }

            return port;
        }

        return Next(used.Keys);
    }

    private static int Next(IEnumerable<int> used)
    {
        var taken = used.ToHashSet();
        var port = First;
        while (taken.Contains(port))
        {
            port++;
        }

        return port;
    }
}
