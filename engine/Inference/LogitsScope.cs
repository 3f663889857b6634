namespace Lens.Engine.Inference;

/// <summary>Which positions' logits a forward pass computes: none, the last token of each sequence, or every token.</summary>
public enum LogitsScope { None, Last, All }
