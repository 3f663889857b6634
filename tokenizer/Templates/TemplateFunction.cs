namespace Lens.Tokenization.Templates;

/// <summary>Something a template can call: a global such as range(), a bound string method, or a macro.</summary>
internal sealed class TemplateFunction(string name, Func<List<object?>, Dictionary<string, object?>, object?> invoke)
{
    public string Name { get; } = name;
    public object? Invoke(List<object?> args, Dictionary<string, object?> kwargs) => invoke(args, kwargs);
}
