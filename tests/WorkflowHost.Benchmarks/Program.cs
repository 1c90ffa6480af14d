using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/WorkflowHost.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(WorkflowHost.Benchmarks.EngineBenchmarks).Assembly).Run(args);
