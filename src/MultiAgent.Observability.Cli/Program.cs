using MultiAgent.Observability.Cli;

return new CliApp().Run(args, Console.Out, Console.Error);
