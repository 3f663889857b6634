namespace Lens.Engine.Hooks;

/// <summary>
/// Keeps one stream's hook failure inside that stream: the first exception is recorded, later calls are skipped, and the
/// pass goes on for the other streams of the batch (rows and attention of different sequences never mix).
/// </summary>
internal sealed class IsolatedHooks(IForwardHooks inner) : IForwardHooks
{
    public Exception? Failure { get; private set; }
    public HookPoints Points => inner.Points;

    public void OnResidPre(in HookContext context, Span<float> residual)
    {
        if (Failure is not null) return;
        try { inner.OnResidPre(context, residual); }
        catch (Exception e) { Failure = e; }
    }

    public void OnResidPost(in HookContext context, int layer, Span<float> residual)
    {
        if (Failure is not null) return;
        try { inner.OnResidPost(context, layer, residual); }
        catch (Exception e) { Failure = e; }
    }

    public void OnQuery(in HookContext context, int layer, ReadOnlySpan<float> query)
    {
        if (Failure is not null) return;
        try { inner.OnQuery(context, layer, query); }
        catch (Exception e) { Failure = e; }
    }

    public void OnKey(in HookContext context, int layer, ReadOnlySpan<float> key)
    {
        if (Failure is not null) return;
        try { inner.OnKey(context, layer, key); }
        catch (Exception e) { Failure = e; }
    }

    public void OnValue(in HookContext context, int layer, ReadOnlySpan<float> value)
    {
        if (Failure is not null) return;
        try { inner.OnValue(context, layer, value); }
        catch (Exception e) { Failure = e; }
    }

    public void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern)
    {
        if (Failure is not null) return;
        try { inner.OnPattern(context, layer, pattern); }
        catch (Exception e) { Failure = e; }
    }
}
