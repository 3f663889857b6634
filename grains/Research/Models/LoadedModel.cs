using Lens.Analyses;
using Lens.Engine.Inference;

namespace Lens.Grains.Research.Models;

/// <summary>A model loaded on this silo: its weights and, when its folder has a tokenizer, its text codec.</summary>
public sealed record LoadedModel(string Name, Transformer Transformer, ITextCodec? Codec);
