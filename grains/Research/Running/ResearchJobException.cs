namespace Lens.Grains.Research.Running;

/// <summary>A run cannot go on: the message says why, and becomes the run's error.</summary>
internal sealed class ResearchJobException(string message, Exception? inner = null) : Exception(message, inner);
