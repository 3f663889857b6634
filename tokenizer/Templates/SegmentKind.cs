namespace Lens.Tokenization.Templates;

internal enum SegmentKind { Text, Output, Statement }
