namespace Lens.Storage;

/// <summary>Names of the containers, tables and folders the Lens storage uses, and checks on a name prefix.</summary>
public static class StorageNames
{
    /// <summary>The grain storage name (besides the default) and the log-consistency provider name.</summary>
    public const string Lens = "lens";

    /// <summary>The prefix used when none is given.</summary>
    public const string DefaultPrefix = "lens";

    /// <summary>
    /// Throws unless <paramref name="prefix"/> can start both a blob container and a table name: lowercase ASCII
    /// letters and digits, starting with a letter, 1 to 40 characters.
    /// </summary>
    public static void CheckPrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > 40 || !char.IsAsciiLetterLower(prefix[0])
            || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"Storage name prefix '{prefix}' is invalid: use 1-40 lowercase letters and digits, starting with a letter (it starts container and table names).", nameof(prefix));
        }
    }
}
