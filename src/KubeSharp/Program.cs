using System.CommandLine;
using KubeSharp;

AgentRuntimeEnvironment.ApplyForAgent(args);
var root = new RootCommand("kubesharp: a Kubernetes-compatible container orchestrator in one binary.");
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(AgentCommand.Create());
root.Subcommands.Add(HollowNodesCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
