namespace Lens.Engine.Hooks;

/// <summary>TransformerLens-style names of hook points, used as activation-cache keys.</summary>
public static class HookNames
{
    public const string ResidPre0 = "blocks.0.hook_resid_pre";
    public const string Logits = "logits";
    public static string ResidPost(int layer) => $"blocks.{layer}.hook_resid_post";
    public static string Query(int layer) => $"blocks.{layer}.attn.hook_q";
    public static string Key(int layer) => $"blocks.{layer}.attn.hook_k";
    public static string Value(int layer) => $"blocks.{layer}.attn.hook_v";
    public static string Pattern(int layer) => $"blocks.{layer}.attn.hook_pattern";
}
