using System.Text;
using Lens.Tokenization.Decoders;

namespace Lens.Tokenization;

/// <summary>
/// Decodes ids pushed one at a time. Text is released only when it is final: never half a UTF-8 character
/// (byte-fallback or byte-level tokens), and, with clean-up, never before a space that a later " ." could
/// remove. The concatenation of everything returned by <see cref="Push"/> and <see cref="Flush"/> equals
/// <see cref="Tokenizer.Decode"/> of all the ids.
/// </summary>
/// <remarks>
/// Like tokenizers' DecodeStream it decodes a short window (the ids since the previous release plus the ones
/// before it) and releases what the window adds beyond its previous decoding, so each step costs O(window).
/// </remarks>
public sealed class StreamingDecoder
{
    private readonly Func<int[], string> _decode;
    private readonly bool _cleanUp;
    private readonly List<int> _window = [];
    private string _prefix = "";
    private int _prefixIndex;
    private readonly StringBuilder _pendingClean = new();

    internal StreamingDecoder(Func<int[], string> decode, bool cleanUp)
    {
        _decode = decode;
        _cleanUp = cleanUp;
    }

    /// <summary>Adds one id; returns the text that became final (often empty).</summary>
    public string Push(int id)
    {
        _window.Add(id);
        var text = _decode([.. _window]);
        if (text.Length <= _prefix.Length || text.EndsWith('\uFFFD')) return "";
        if (!text.StartsWith(_prefix, StringComparison.Ordinal))
            throw new InvalidOperationException("streaming decode diverged from its previous output; the decoder is not prefix-stable");
        var released = text[_prefix.Length..];
        var nextPrefixIndex = _window.Count - _prefixIndex;
        _window.RemoveRange(0, _prefixIndex);
        _prefix = _decode([.. _window]);
        _prefixIndex = nextPrefixIndex;
        return Clean(released, final: false);
    }

    /// <summary>Releases whatever is still held (an incomplete character decodes to U+FFFD here).</summary>
    public string Flush()
    {
        var text = _decode([.. _window]);
        var rest = text.Length > _prefix.Length && text.StartsWith(_prefix, StringComparison.Ordinal) ? text[_prefix.Length..] : "";
        _window.Clear();
        _prefix = "";
        _prefixIndex = 0;
        return Clean(rest, final: true);
    }

    private string Clean(string released, bool final)
    {
        if (!_cleanUp) return released;
        _pendingClean.Append(released);
        var pending = _pendingClean.ToString();
        var cut = final ? pending.Length : CleanUpTokenization.SafeCut(pending);
        if (cut == 0) return "";
        _pendingClean.Remove(0, cut);
        return CleanUpTokenization.Apply(pending[..cut]);
    }
}
