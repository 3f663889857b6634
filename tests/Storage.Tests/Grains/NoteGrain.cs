namespace Lens.Storage.Tests.Grains;

/// <summary>A note kept as plain grain state.</summary>
[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)]
    public string Text { get; set; } = "";
}

/// <summary>A grain with two persistent states: one in the default storage, one in the storage named "lens" (the same store under a second name, so the state names differ).</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task Write(string text);

    /// <summary>The default storage's note and the "lens" storage's note.</summary>
    Task<(string Default, string Lens)> Read();
}

public sealed class NoteGrain(
    [PersistentState("note")] IPersistentState<NoteState> inDefault,
    [PersistentState("lensnote", StorageNames.Lens)] IPersistentState<NoteState> inLens) : Grain, INoteGrain
{
    public async Task Write(string text)
    {
        inDefault.State.Text = "default:" + text;
        inLens.State.Text = "lens:" + text;
        await inDefault.WriteStateAsync();
        await inLens.WriteStateAsync();
    }

    public Task<(string Default, string Lens)> Read() => Task.FromResult((inDefault.State.Text, inLens.State.Text));
}
