using System.Text;
using Lens.Tokenization.PreTokenizers;

namespace Lens.Tokenization.Decoders;

/// <summary>
/// Maps byte-alphabet characters back to bytes and decodes all of them as one lossy UTF-8 string. A token with
/// a character outside the alphabet (an added token such as "&lt;|im_start|&gt;" is inside it) contributes its own UTF-8.
/// </summary>
internal sealed class ByteLevelDecoder : IDecoder
{
    public void Decode(List<string> tokens, bool display)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens) AppendBytes(token, bytes);
        tokens.Clear();
        tokens.Add(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)));
    }

    internal static void AppendBytes(string token, List<byte> bytes)
    {
        foreach (var c in token)
        {
            if (ByteLevelAlphabet.ToByte(c) < 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
                return;
            }
        }
        foreach (var c in token) bytes.Add((byte)ByteLevelAlphabet.ToByte(c));
    }
}
