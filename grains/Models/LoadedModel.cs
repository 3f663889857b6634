using Lens.Analyses;
using Lens.Engine.Inference;

namespace Lens.Grains.Models;

/// <summary>
/// A model's weights loaded on this silo (from <paramref name="Location"/>, the folder or file they were read from)
/// and, when its folder has a tokenizer, its text codec. Borrowed through a <see cref="ModelLease"/>.
/// </summary>
public sealed record LoadedModel(string Name, string Location, Transformer Transformer, ITextCodec? Codec);
