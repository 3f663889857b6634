namespace Lens.Web.Tests.Pages;

/// <summary>One logit-lens cell as the page shows it: the top-1 token text on screen and the probability behind its colour.</summary>
public sealed record HeatmapCell(int Layer, int Position, string Text, double Prob);
