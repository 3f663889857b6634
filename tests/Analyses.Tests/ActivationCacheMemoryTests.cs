namespace Lens.Analyses.Tests;

/// <summary>The memory level: least recently used goes first, the byte budget is never exceeded.</summary>
public sealed class ActivationCacheMemoryTests
{
    private static Half[] Rows(int values, float fill) => Enumerable.Repeat((Half)fill, values).ToArray();
    private static ResidualChunkKey Key(string conversation, int chunk) => new(conversation, 0, chunk);

    [Fact]
    public void TheLeastRecentlyUsedEntryIsEvictedFirst()
    {
        var entry = ResidualStreamCache.EntryBytes(Rows(100, 0));
        var cache = new ResidualStreamCache(3 * entry);
        cache.Put(Key("a", 0), Rows(100, 1));
        cache.Put(Key("b", 0), Rows(100, 2));
        cache.Put(Key("c", 0), Rows(100, 3));
        Assert.True(cache.TryGet(Key("a", 0), out _)); // a becomes the most recent; b is now the least

        cache.Put(Key("d", 0), Rows(100, 4));

        Assert.False(cache.TryGet(Key("b", 0), out _));
        Assert.True(cache.TryGet(Key("a", 0), out var a));
        Assert.Equal((Half)1, a[0]);
        Assert.True(cache.TryGet(Key("c", 0), out _));
        Assert.True(cache.TryGet(Key("d", 0), out _));
        Assert.Equal(1, cache.Evictions);
        Assert.Equal(3 * entry, cache.Bytes);
    }

    [Fact]
    public void TheByteBudgetIsNeverExceeded()
    {
        const long budget = 20_000;
        var cache = new ResidualStreamCache(budget);
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var key = Key($"c{random.Next(8)}", random.Next(16));
            if (random.Next(3) == 0) cache.TryGet(key, out _);
            else cache.Put(key, Rows(random.Next(1, 3_000), i));
            Assert.True(cache.Bytes <= budget, $"after operation {i}: {cache.Bytes} bytes in a budget of {budget}");
        }
        Assert.True(cache.Evictions > 0);
    }

    [Fact]
    public void AnEntryBiggerThanTheBudgetIsNotKeptAndEvictsNothing()
    {
        var cache = new ResidualStreamCache(1_000);
        cache.Put(Key("a", 0), Rows(10, 1));
        cache.Put(Key("big", 0), Rows(10_000, 1));
        Assert.False(cache.TryGet(Key("big", 0), out _));
        Assert.True(cache.TryGet(Key("a", 0), out _));
    }

    [Fact]
    public void RemovingAConversationFreesOnlyItsEntries()
    {
        var cache = new ResidualStreamCache(1_000_000);
        for (var chunk = 0; chunk < 3; chunk++) { cache.Put(Key("a", chunk), Rows(50, 1)); cache.Put(Key("b", chunk), Rows(50, 2)); }
        Assert.Equal(3, cache.RemoveConversation("a"));
        Assert.Equal(3, cache.Entries);
        Assert.Equal(3 * ResidualStreamCache.EntryBytes(Rows(50, 0)), cache.Bytes);
        Assert.True(cache.TryGet(Key("b", 2), out _));
        Assert.Equal(0, cache.RemoveConversation("a"));
    }

    [Fact]
    public void ANegativeBudgetIsRefused() =>
        Assert.Contains("cannot be negative", Assert.Throws<ArgumentOutOfRangeException>(() => new ResidualStreamCache(-1)).Message);
}
