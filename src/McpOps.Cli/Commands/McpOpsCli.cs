using System.CommandLine;
using System.CommandLine.Help;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>The `mcpops` command line: parses, dispatches, and turns every failure into an exit code.</summary>
internal static class McpOpsCli
{
    public const string Name = "mcpops";
    private const int HelpWidth = 100;

    /// <summary>
    /// The commands that write the workspace, all through one commit that a failure leaves undone: only their
    /// errors end with "nothing was changed". `check` and `list` only read, and `railway` and `supabase` act on
    /// remote services, where the workspace's state says nothing about what the service did.
    /// </summary>
    private static readonly HashSet<string> WorkspaceWriters = new(StringComparer.Ordinal) { "new", "add", "sync", "remove", "rename", "upgrade", "registry", "edge" };

    public static int Run(string[] args, CliContext context)
    {
        var root = Build(context);
        // No response files: `mcpops new acme --scope @acme` means the scope @acme, not a file named acme.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"{Name}: error: {error.Message}");
            }

            // The full path, so a nested command (`mcpops railway logs`) points at its own help.
            var names = new List<string>();
            for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                names.Insert(0, result.Command.Name);
            }

            context.Error.WriteLine($"Run `{string.Join(' ', names)} --help` for usage.");
            return ExitCodes.InputError;
        }

        var command = parsed.CommandResult;
        while (command.Parent is System.CommandLine.Parsing.CommandResult { Parent: not null } parent)
        {
            command = parent;
        }

        return Guarded(
            context,
            () => parsed.Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false }),
            WorkspaceWriters.Contains(command.Command.Name));
    }

    /// <summary>
    /// Runs a command's action and turns a workspace or write failure into exit 2, saying "nothing was changed"
    /// for a command that writes the workspace (<paramref name="writesWorkspace"/>).
    /// </summary>
    public static int Guarded(CliContext context, Func<int> action, bool writesWorkspace = true)
    {
        try
        {
            return action();
        }
        catch (WorkspaceException ex)
        {
            foreach (var problem in ex.Problems)
            {
                context.Error.WriteLine($"{Name}: error: {problem}");
            }

            if (writesWorkspace)
            {
                context.Error.WriteLine($"{Name}: nothing was changed.");
            }

            return ExitCodes.InputError;
        }
        catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && !writesWorkspace)
        {
            context.Error.WriteLine($"{Name}: error: {ex.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // TreeCommitter has put back every file it wrote before failing.
            context.Error.WriteLine($"{Name}: error: could not write the workspace: {ex.Message}");
            context.Error.WriteLine($"{Name}: nothing was changed (the files written before the failure were restored).");
            return ExitCodes.InputError;
        }
    }

    public static Command Build(CliContext context)
    {
        var root = new Command(Name, "Wires the modules of an McpOps workspace into its root files (TypeScript references, Railway, compose, Kubernetes, README) and keeps that wiring in sync. Checks it against the Definition of Done. Exit codes: 0 ok, 1 drift (sync --check) or findings (check), 2 usage or input error, 3 conflicts left by upgrade.");
        var help = new HelpOption();
        if (help.Action is HelpAction action)
        {
            action.MaxWidth = HelpWidth;
        }

        root.Options.Add(help);
        root.Options.Add(new VersionOption());
        root.Subcommands.Add(NewCommand.Create(context));
        root.Subcommands.Add(AddCommand.Create(context));
        root.Subcommands.Add(SyncCommand.Create(context));
        root.Subcommands.Add(RemoveCommand.Create(context));
        root.Subcommands.Add(RenameCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(Upgrade.UpgradeCommand.Create(context));
        root.Subcommands.Add(Railway.RailwayCommand.Create(context));
        root.Subcommands.Add(Registry.RegistryCommand.Create(context));
        root.Subcommands.Add(Supabase.EdgeCommand.Create(context));
        root.Subcommands.Add(Supabase.SupabaseCommand.Create(context));
        root.SetAction(parseResult =>
        {
            // `mcpops` alone: show what it can do, on stderr, and fail as a usage error.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = context.Error, Error = context.Error });
            return ExitCodes.InputError;
        });
        return root;
    }
}
