namespace Lens.Tokenization.Templates;

internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, object? Value, int Line)
{
    public bool Is(string op) => Kind == ExpressionTokenKind.Operator && Text == op;
    public bool IsName(string name) => Kind == ExpressionTokenKind.Name && Text == name;
}
