// Hangfire keeps one process-global JobStorage.Current (and GlobalConfiguration): two hosts alive at once would
// hand each other's jobs to the wrong storage. Test classes therefore run one after another, and each provider's
// host lives only as long as its test class (see Infrastructure/ApiFixture.cs).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
