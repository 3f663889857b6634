using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;

namespace Lens.Client.Apis;

/// <summary>
/// Requests per signed-in user, as a token bucket: <c>Lens:Api:RequestsPerSecond</c> (default 50) refilled every second
/// up to a burst of <c>Lens:Api:Burst</c> (default 100). Past it: 429 with Retry-After. One bucket per user for the
/// whole app: the product and research routes spend from the same one.
/// </summary>
public sealed class UserRateLimit(IConfiguration configuration)
{
    // One limiter per app (per its root services), whichever route table asks first.
    private static readonly ConditionalWeakTable<IServiceProvider, UserRateLimit> Apps = new();

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokensPerPeriod = configuration.GetValue("Lens:Api:RequestsPerSecond", 50),
            TokenLimit = configuration.GetValue("Lens:Api:Burst", 100),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>The app's limiter: every route table of <paramref name="routes"/>' app gets the same buckets.</summary>
    public static UserRateLimit Of(IEndpointRouteBuilder routes) =>
        Apps.GetValue(routes.ServiceProvider, services => new UserRateLimit(services.GetRequiredService<IConfiguration>()));

    /// <summary>An endpoint filter that spends one token of the caller's bucket (anonymous requests are not limited here).</summary>
    public async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.User.Identity?.Name is not { Length: > 0 } user) return await next(context);
        using var lease = _limiter.AttemptAcquire(user);
        if (lease.IsAcquired) return await next(context);
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 1;
        return new ApiProblem(StatusCodes.Status429TooManyRequests, $"user '{user}' is over the request rate; retry after {Math.Max(1, retry)} s",
            retryAfterSeconds: Math.Max(1, retry)).ToResult(context.HttpContext);
    }
}
