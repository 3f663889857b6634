using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

/// <summary>
/// Cuts a piece at pattern matches the way tokenizers' NormalizedString::split does: the text becomes
/// alternating (non-match, match) segments, merged per <see cref="SplitBehavior"/>; empty results are dropped.
/// </summary>
internal static class Splitter
{
    public static void Split(Piece piece, List<(int Start, int Length)> matches, SplitBehavior behavior, bool invert, List<Piece> output)
    {
        var text = piece.Text;
        if (behavior == SplitBehavior.Isolated)
        {
            // Every match and every gap is its own piece; the common case, so no intermediate lists.
            var at = 0;
            foreach (var (start, length) in matches)
            {
                if (start > at) output.Add(new Piece(text[at..start], piece.AtStart && at == 0));
                if (length > 0) output.Add(new Piece(start == 0 && length == text.Length ? text : text.Substring(start, length), piece.AtStart && start == 0));
                at = start + length;
            }
            if (at < text.Length) output.Add(new Piece(at == 0 ? text : text[at..], piece.AtStart && at == 0));
            return;
        }
        var segments = new List<(int Start, int End, bool Match)>(matches.Count * 2 + 1);
        var previous = 0;
        foreach (var (start, length) in matches)
        {
            if (start != previous) segments.Add((previous, start, invert));
            segments.Add((start, start + length, !invert));
            previous = start + length;
        }
        if (previous != text.Length) segments.Add((previous, text.Length, invert));

        var cuts = new List<(int Start, int End, bool Remove)>(segments.Count);
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                foreach (var (s, e, _) in segments) cuts.Add((s, e, false));
                break;
            case SplitBehavior.Removed:
                foreach (var (s, e, m) in segments) cuts.Add((s, e, m));
                break;
            case SplitBehavior.Contiguous:
            {
                var previousMatch = false;
                foreach (var (s, e, m) in segments)
                {
                    if (m == previousMatch && cuts.Count > 0) cuts[^1] = (cuts[^1].Start, e, false);
                    else cuts.Add((s, e, false));
                    previousMatch = m;
                }
                break;
            }
            case SplitBehavior.MergedWithPrevious:
            {
                var previousMatch = false;
                foreach (var (s, e, m) in segments)
                {
                    if (m && !previousMatch && cuts.Count > 0) cuts[^1] = (cuts[^1].Start, e, false);
                    else cuts.Add((s, e, false));
                    previousMatch = m;
                }
                break;
            }
            case SplitBehavior.MergedWithNext:
            {
                var previousMatch = false;
                for (var i = segments.Count - 1; i >= 0; i--)
                {
                    var (s, e, m) = segments[i];
                    if (m && !previousMatch && cuts.Count > 0) cuts[^1] = (s, cuts[^1].End, false);
                    else cuts.Add((s, e, false));
                    previousMatch = m;
                }
                cuts.Reverse();
                break;
            }
        }
        foreach (var (s, e, remove) in cuts)
            if (!remove && e > s) output.Add(new Piece(s == 0 && e == text.Length ? text : text[s..e], piece.AtStart && s == 0));
    }
}
