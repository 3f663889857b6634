namespace Lens.GrainInterfaces.Models;

/// <summary>
/// Keys of <see cref="IModelGrain"/>: <c>{model}#{replica}</c>. Placement reads the model name before '#'; the
/// replica number only makes several activations of one model, so requests spread over the silos holding it.
/// </summary>
public static class ModelGrainKey
{
    /// <summary>The separator between the model name and the replica number.</summary>
    public const char Separator = '#';

    /// <summary>The key of replica <paramref name="replica"/> of <paramref name="model"/>.</summary>
    public static string Format(string model, int replica) => $"{model}{Separator}{replica}";

    /// <summary>The replica a conversation always uses, so its cached activations stay on one silo.</summary>
    public static string ForConversation(string model, Guid conversationId, int replicas) =>
        Format(model, (int)((uint)conversationId.GetHashCode() % (uint)Math.Max(1, replicas)));

    /// <summary>The model name of a key (the whole key when it has no replica number).</summary>
    public static string ModelName(string key)
    {
        var at = key.LastIndexOf(Separator);
        return at < 0 ? key : key[..at];
    }
}
