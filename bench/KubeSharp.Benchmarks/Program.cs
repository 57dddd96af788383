using KubeSharp.Benchmarks;

// Usage: dotnet run -c Release --project bench/KubeSharp.Benchmarks -- <area> [options]
return args.FirstOrDefault() switch
{
    "store" => await StoreBenchmark.RunAsync(args[1..]),
    "api" => await ApiBenchmark.RunAsync(args[1..]),
    "scheduler" => await SchedulerBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: KubeSharp.Benchmarks store|api [--dir PATH] | scheduler [--quick] [--only 100|1000|5000|deployment] [--dir PATH]");
    return 2;
}
