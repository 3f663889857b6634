// The browser tests start real silos and Chromium on a 2-core machine: one test class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
