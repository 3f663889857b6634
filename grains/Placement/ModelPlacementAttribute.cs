using Orleans.Placement;

namespace Lens.Grains.Placement;

/// <summary>
/// Places a grain only on silos that hold the model its string key names (the silo's LENS_MODELS, advertised in its
/// silo metadata), picking among those silos at random so grains of one model spread over every silo holding it.
/// The key is the model name; a key <c>name#anything</c> names the model before the first <c>#</c>, for several grains
/// (replicas, workers) of one model. Silos need <see cref="ModelPlacementExtensions.AddModelPlacement"/>.
/// When no live silo holds the model the call fails with <see cref="ModelUnavailableException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelPlacementAttribute() : PlacementAttribute(ModelPlacementStrategy.Instance);
