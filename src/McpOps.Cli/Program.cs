using McpOps.Cli.Commands;

return McpOpsCli.Run(args, CliContext.FromProcess());
