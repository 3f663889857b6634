namespace Lens.Tokenization.Templates;

/// <summary>Jinja's default Undefined: prints as "", is falsy and iterates as empty; using its members is an error.</summary>
internal sealed class Undefined(string name)
{
    public string Name { get; } = name;
    public override string ToString() => "";
}
