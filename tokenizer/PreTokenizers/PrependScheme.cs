namespace Lens.Tokenization.PreTokenizers;

/// <summary>When Metaspace prepends the replacement character: always, only at the start of the input, or never.</summary>
internal enum PrependScheme { Always, First, Never }
