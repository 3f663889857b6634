namespace Lens.Engine.Tensors;

/// <summary>
/// A token count known to the JIT: kernels generic over a struct <see cref="ITokenCount"/> are compiled once per count,
/// with <c>T.Count</c> a constant, so one source yields register tiles of 1..8 tokens without dead accumulators.
/// </summary>
internal interface ITokenCount { static abstract int Count { get; } }

internal struct OneToken : ITokenCount { public static int Count => 1; }
internal struct TwoTokens : ITokenCount { public static int Count => 2; }
internal struct ThreeTokens : ITokenCount { public static int Count => 3; }
internal struct FourTokens : ITokenCount { public static int Count => 4; }
internal struct FiveTokens : ITokenCount { public static int Count => 5; }
internal struct SixTokens : ITokenCount { public static int Count => 6; }
internal struct SevenTokens : ITokenCount { public static int Count => 7; }
internal struct EightTokens : ITokenCount { public static int Count => 8; }
