namespace Lens.Tokenization.AddedTokens;

/// <summary>An entry of tokenizer.json's <c>added_tokens</c>: matched in the text before the model runs.</summary>
internal sealed record AddedToken(int Id, string Content, bool Special, bool Normalized, bool LStrip, bool RStrip, bool SingleWord);
