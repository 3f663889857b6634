namespace Lens.Tokenization.PreTokenizers;

/// <summary>
/// GPT-2's reversible byte ↔ character map: printable Latin-1 bytes stand for themselves, the other 68
/// bytes are shifted to U+0100 upwards (space → 'Ġ', newline → 'Ċ').
/// </summary>
internal static class ByteLevelAlphabet
{
    public static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly short[] s_charToByte = BuildCharToByte();

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)(256 + next++);
        }
        return map;
    }

    private static short[] BuildCharToByte()
    {
        var map = new short[324];
        Array.Fill(map, (short)-1);
        for (var b = 0; b < 256; b++) map[ByteToChar[b]] = (short)b;
        return map;
    }

    /// <summary>The byte a character stands for, or -1 when it is not in the alphabet.</summary>
    public static int ToByte(char c) => c < s_charToByte.Length ? s_charToByte[c] : -1;

    public static string Encode(string text) => Encode(text.AsSpan());

    /// <summary>The byte-alphabet string of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Encode(ReadOnlySpan<char> text)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            var ascii = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
            for (var i = 0; i < text.Length; i++) ascii[i] = ByteToChar[text[i]];
            return new string(ascii);
        }
        var count = System.Text.Encoding.UTF8.GetByteCount(text);
        var bytes = count <= 512 ? stackalloc byte[count] : new byte[count];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        var chars = count <= 512 ? stackalloc char[count] : new char[count];
        for (var i = 0; i < count; i++) chars[i] = ByteToChar[bytes[i]];
        return new string(chars);
    }
}
