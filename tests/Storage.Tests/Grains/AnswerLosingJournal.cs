using Lens.Storage.Journals;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Storage.Tests.Grains;

/// <summary>
/// Wraps the silo's journal and, when told, loses the answer of an append that did store its batch: the caller sees
/// <see cref="JournalUnavailableException"/>, as after a connection dropped on the way back.
/// </summary>
internal sealed class AnswerLosingJournal(IEventJournal inner) : IEventJournal
{
    private int _toLose;
    private int _lost;

    public int Lost => Volatile.Read(ref _lost);

    public void LoseNextAnswers(int count) => Interlocked.Exchange(ref _toLose, count);

    /// <summary>Puts the wrapper around the journal registered by AddLensFileStorage or AddLensAzureStorage.</summary>
    public static void Install(ISiloBuilder silo)
    {
        var original = silo.Services.Last(d => d.ServiceType == typeof(IEventJournal));
        silo.Services.Remove(original);
        silo.Services.AddSingleton(services => new AnswerLosingJournal((IEventJournal)original.ImplementationFactory!(services)));
        silo.Services.AddSingleton<IEventJournal>(services => services.GetRequiredService<AnswerLosingJournal>());
    }

    public Task<JournalRead> ReadAsync(string stream, CancellationToken cancellationToken = default) => inner.ReadAsync(stream, cancellationToken);

    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalRecord> batch, CancellationToken cancellationToken = default)
    {
        var version = await inner.AppendAsync(stream, expectedVersion, batch, cancellationToken);
        if (TakeOne())
        {
            Interlocked.Increment(ref _lost);
            throw new JournalUnavailableException(stream, "test", "append to", "the answer was lost on the way back");
        }
        return version;
    }

    public Task WriteSnapshotAsync(string stream, long version, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default) =>
        inner.WriteSnapshotAsync(stream, version, state, cancellationToken);

    private bool TakeOne()
    {
        while (true)
        {
            var left = Volatile.Read(ref _toLose);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _toLose, left - 1, left) == left) return true;
        }
    }
}
