using Lens.Engine.Hooks;

namespace Lens.Engine.Inference;

/// <summary>One sequence of a forward pass: its KV cache, the new token ids, and the hooks that observe only it.</summary>
internal readonly record struct PassSequence(KvCache Cache, int[] Ids, IForwardHooks? Hooks);
