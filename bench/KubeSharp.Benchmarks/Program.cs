using KubeSharp.Benchmarks;

// Usage: dotnet run -c Release --project bench/KubeSharp.Benchmarks -- <area> [options]
return args.FirstOrDefault() switch
{
    "store" => await StoreBenchmark.RunAsync(args[1..]),
    "api" => await ApiBenchmark.RunAsync(args[1..]),
    "api-host" => await ApiBenchmarkHost.RunAsync(args[1..]),
    "scheduler" => await SchedulerBenchmark.RunAsync(args[1..]),
    "pod-startup" => await PodStartupBenchmark.RunAsync(args[1..]),
    "pod-startup-agent" => await PodStartupBenchmark.RunAgentAsync(args[1..]),
    "agent-memory" => await AgentMemoryBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: KubeSharp.Benchmarks store|api [--dir PATH] | scheduler [--quick] [--only 100|1000|5000|deployment] [--dir PATH] | pod-startup [--images DIR] [--agent-log FILE] [--agent-env=NAME=VALUE ...] | agent-memory [--settle SECONDS] [--variant 'NAME=VALUE ...']...");
    return 2;
}
