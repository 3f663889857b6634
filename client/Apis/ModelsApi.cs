using Lens.GrainInterfaces.Models;
using Orleans;

namespace Lens.Client.Apis;

/// <summary><c>GET /api/model_info</c>: every served model's shape and the silos holding it.</summary>
public static class ModelsApi
{
    /// <summary>One model as listed.</summary>
    public sealed record ModelInfo(string Name, string Family, int Layers, int Hidden, int Heads, int KvHeads, int Vocab,
        int ContextLength, string[] Silos, bool Loaded);

    public sealed record ModelList(ModelInfo[] Models);

    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/model_info", GetModelInfo).WithName("ModelInfo");
        return api;
    }

    private static async Task<IResult> GetModelInfo(IGrainFactory grains)
    {
        var view = await grains.GetGrain<IModelDirectoryGrain>(0).Read();
        var loaded = view.Reports.SelectMany(r => r.Models).Where(m => m.Loaded).Select(m => m.Name).ToHashSet();
        return ApiJson.Ok(new ModelList(view.Models().Select(x => new ModelInfo(x.Model.Name, x.Model.Family, x.Model.Layers, x.Model.Hidden,
            x.Model.Heads, x.Model.KvHeads, x.Model.Vocab, x.Model.ContextLength, x.Silos, loaded.Contains(x.Model.Name))).ToArray()));
    }
}
