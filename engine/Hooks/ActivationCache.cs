namespace Lens.Engine.Hooks;

/// <summary>
/// Records the requested hook points of a forward pass under their TransformerLens names
/// (e.g. <c>blocks.3.hook_resid_post</c>), one array per name, for a single sequence.
/// Repeated passes (KV-cached decoding) append along the token axis.
/// </summary>
public sealed class ActivationCache(HookPoints points) : IForwardHooks
{
    private readonly Dictionary<string, List<float>> _values = new(StringComparer.Ordinal);

    public HookPoints Points { get; } = points;
    public IEnumerable<string> Names => _values.Keys;
    public bool Contains(string name) => _values.ContainsKey(name);

    public float[] this[string name] =>
        _values.TryGetValue(name, out var v) ? v.ToArray() : throw new KeyNotFoundException($"activation '{name}' was not captured");

    private void Record(string name, ReadOnlySpan<float> value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
        list.AddRange(value);
    }

    public void OnResidPre(in HookContext context, Span<float> residual) => Record(HookNames.ResidPre0, residual);
    public void OnResidPost(in HookContext context, int layer, Span<float> residual) => Record(HookNames.ResidPost(layer), residual);
    public void OnQuery(in HookContext context, int layer, ReadOnlySpan<float> query) => Record(HookNames.Query(layer), query);
    public void OnKey(in HookContext context, int layer, ReadOnlySpan<float> key) => Record(HookNames.Key(layer), key);
    public void OnValue(in HookContext context, int layer, ReadOnlySpan<float> value) => Record(HookNames.Value(layer), value);
    public void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern) => Record(HookNames.Pattern(layer), pattern);
}
