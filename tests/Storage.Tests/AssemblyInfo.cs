// Timing-bound fault tests (a frozen Azurite must fail in bounded time) run alone on a 2-core machine shared with
// other work; collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
