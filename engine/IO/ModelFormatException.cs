namespace Lens.Engine.IO;

/// <summary>A model file or folder that cannot be read as what it claims to be. The message names the file, tensor or field.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : IOException(message, inner);
