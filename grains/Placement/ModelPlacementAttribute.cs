using Lens.GrainInterfaces.Models;
using Orleans.Placement;

namespace Lens.Grains.Placement;

/// <summary>
/// Places a grain only on silos that hold the model its string key names (the silo's LENS_MODELS, advertised in its
/// silo metadata), picking among those silos at random so grains of one model spread over every silo holding it.
/// The key is the model name, or <c>name#replica</c> (<see cref="ModelGrainKey"/>: the model is before the last
/// <c>#</c>) for several grains of one model. Silos need <see cref="ModelPlacementExtensions.AddModelPlacement"/>.
/// When no live silo holds the model the call fails with <see cref="ModelUnavailableException"/>, naming the models the
/// live silos hold.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelPlacementAttribute() : PlacementAttribute(ModelPlacementStrategy.Instance);
