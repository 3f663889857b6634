using Lens.Engine.Hooks;

namespace Lens.Engine.Inference;

/// <summary>
/// One stream of a <see cref="Transformer.Step"/>: tokens to append to <paramref name="Session"/> — one while decoding,
/// a whole prompt (or a chunk of it) when the stream joins — and hooks that observe only this stream.
/// </summary>
public sealed record DecodeRequest(InferenceSession Session, int[] Tokens, IForwardHooks? Hooks = null);
