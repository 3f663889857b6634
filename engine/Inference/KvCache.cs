namespace Lens.Engine.Inference;

/// <summary>
/// Keys (after rotary) and values of one sequence, per layer [position, KVH·hd]. Grows by doubling up to the
/// model's context length, so long-context models do not reserve their whole window up front.
/// </summary>
public sealed class KvCache
{
    private readonly int _width;
    private readonly int _maxLength;
    private float[][] _keys, _values;

    public int Length { get; private set; }
    public int Capacity { get; private set; }

    /// <summary>Bytes its key and value arrays hold (their capacity, not only the positions in use).</summary>
    public long Bytes => 2L * _keys.Length * Capacity * _width * sizeof(float);

    public KvCache(ModelConfig config, int initialCapacity = 64)
    {
        _width = config.KvWidth;
        _maxLength = config.ContextLength;
        Capacity = Math.Clamp(initialCapacity, 1, _maxLength);
        _keys = new float[config.Layers][];
        _values = new float[config.Layers][];
        for (var l = 0; l < config.Layers; l++) { _keys[l] = new float[Capacity * _width]; _values[l] = new float[Capacity * _width]; }
    }

    public float[] Keys(int layer) => _keys[layer];
    public float[] Values(int layer) => _values[layer];

    /// <summary>Makes room for <paramref name="added"/> more positions, or fails naming the context length.</summary>
    public void Reserve(int added)
    {
        var needed = Length + added;
        if (needed > _maxLength)
            throw new ArgumentException($"sequence of {needed} tokens exceeds the model's context length of {_maxLength} tokens");
        if (needed <= Capacity) return;
        var capacity = Math.Min(_maxLength, Math.Max(needed, Capacity * 2));
        for (var l = 0; l < _keys.Length; l++)
        {
            Array.Resize(ref _keys[l], capacity * _width);
            Array.Resize(ref _values[l], capacity * _width);
        }
        Capacity = capacity;
    }

    internal void Advance(int added) => Length += added;

    /// <summary>Drops positions from <paramref name="length"/> on (e.g. to rewind a conversation).</summary>
    public void Truncate(int length) => Length = Math.Clamp(length, 0, Length);
}
