namespace Lens.Tokenization.Templates;

/// <summary>Template source cut into literal text, <c>{{ output }}</c> and <c>{% statement %}</c> parts.</summary>
internal sealed record TemplateSegment(SegmentKind Kind, string Content, int Line);
