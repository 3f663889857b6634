using Lens.Client.Apis;
using Lens.Client.Errors;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Product.Tests;

/// <summary>The product routes word every failure as the rest of the API does, adding only their own refusals.</summary>
public sealed class ProblemMappingTests
{
    public static TheoryData<Exception> GeneralFailures() =>
    [
        new ModelUnavailableException("llama-70b", "this silo holds only stories260K"),
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        new OrleansException("No active silo"),
        new OperationCanceledException(),
        new AggregateException(new TimeoutException("slow")),
        new ArgumentException("temperature must be at least 0"),
        new KeyNotFoundException("no conversation 42"),
        new InvalidOperationException("the chat ended without recording its turn"),
    ];

    [Theory]
    [MemberData(nameof(GeneralFailures))]
    public void ProductRoutesWordGeneralFailuresAsTheRestOfTheApi(Exception failure)
    {
        var general = ExceptionProblems.For(failure);
        var product = ProblemMapping.ToProblem(failure);
        Assert.Equal((general.Status, general.Title, general.Detail, general.Field), (product.Status, product.Title, product.Message, product.Field));
    }

    [Fact]
    public void AModelThatCannotBeServedIs503NamingTheModelField()
    {
        var problem = ProblemMapping.ToProblem(new ModelUnavailableException("broken", "no model folder or .bin file at /x on this silo"));
        Assert.Equal((503, "model", "model 'broken' is unavailable: no model folder or .bin file at /x on this silo"), (problem.Status, problem.Field, problem.Message));
    }

    [Fact]
    public void ClusterFailuresAre503()
    {
        Assert.Equal(503, ProblemMapping.ToProblem(new OrleansException("No active silo")).Status);
        Assert.Equal("The call was cancelled before the cluster answered.", ProblemMapping.ToProblem(new TaskCanceledException()).Message);
        Assert.Equal("The cluster did not answer in time: slow", ProblemMapping.ToProblem(new TimeoutException("slow")).Message);
    }

    [Fact]
    public void TheProductsOwnRefusalsKeepTheirFieldAndRetryTime()
    {
        var busy = ProblemMapping.ToProblem(new ModelBusyException("stories260K", 32, 3));
        Assert.Equal((429, "model", 3), (busy.Status, busy.Field, busy.RetryAfterSeconds));
        var rejected = ProblemMapping.ToProblem(new RequestRejectedException(Rejection.TooLarge, "message", "message has 90000 characters"));
        Assert.Equal((413, "message", "message has 90000 characters"), (rejected.Status, rejected.Field, rejected.Message));
        var own = ApiProblem.Invalid("model", "model is required");
        Assert.Same(own, ProblemMapping.ToProblem(own));
    }
}
