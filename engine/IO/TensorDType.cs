namespace Lens.Engine.IO;

/// <summary>Element types the engine computes with. Other safetensors dtypes are recognised but rejected when used.</summary>
public enum TensorDType { F32, F16, BF16 }

public static class TensorDTypes
{
    /// <summary>Every dtype name of the safetensors format, with its element size in bytes.</summary>
    private static readonly Dictionary<string, int> KnownSizes = new(StringComparer.Ordinal)
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1,
        ["U64"] = 8, ["U32"] = 4, ["U16"] = 2, ["U8"] = 1, ["BOOL"] = 1, ["F8_E4M3"] = 1, ["F8_E5M2"] = 1,
    };

    public static bool TryGetSize(string name, out int size) => KnownSizes.TryGetValue(name, out size);

    public static TensorDType? Parse(string name) => name switch
    {
        "F32" => TensorDType.F32,
        "F16" => TensorDType.F16,
        "BF16" => TensorDType.BF16,
        _ => null,
    };

    public static int Size(this TensorDType dtype) => dtype == TensorDType.F32 ? 4 : 2;
}
