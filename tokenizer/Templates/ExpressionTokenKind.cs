namespace Lens.Tokenization.Templates;

internal enum ExpressionTokenKind { Name, String, Integer, Float, Operator, End }
