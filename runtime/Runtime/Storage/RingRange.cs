namespace Lens.Runtime.Storage;

/// <summary>The (begin, end] ring range rule of <see cref="IReminderTable.ReadRangeAsync"/>, shared by stores and the ring.</summary>
public static class RingRange
{
    /// <summary>Whether <paramref name="hash"/> lies in (begin, end], wrapping around; begin == end is the whole ring.</summary>
    public static bool Contains(uint begin, uint end, uint hash) =>
        begin == end || (begin < end ? hash > begin && hash <= end : hash > begin || hash <= end);
}
