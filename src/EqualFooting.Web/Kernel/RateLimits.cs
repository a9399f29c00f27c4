using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// Reading is never limited. Every write is limited per account (or per address when anonymous), and sign-in and
/// registration more tightly per address, to blunt password guessing and sign-up floods.
/// </summary>
public static class RateLimits
{
    public const string AccountAttempts = "account-attempts";

    /// <summary>
    /// Votes in a conversation, per account, on top of the write budget: a person reads each statement before voting,
    /// so 60 a minute (`RateLimits:VotesPerMinute`) is generous for people and stops a script flooding a map (and the
    /// record, where every changed vote is an entry). On a page only its Vote handler counts.
    /// </summary>
    public const string Votes = "votes";

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var writes = configuration.GetValue("RateLimits:WritesPerMinute", 120);
        var attempts = configuration.GetValue("RateLimits:AccountAttemptsPerMinute", 20);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (ctx, ct) =>
        {
            if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Results.Problem(
                    detail: "Too many requests. Wait a moment and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(ctx.HttpContext);
        };

        // SignalR's negotiate and long-polling sends are POSTs but not writes; a venue full of screens behind one
        // address would exhaust the anonymous budget just connecting. Hub methods that write use HubWrites instead.
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method)
                || ctx.Request.Path.StartsWithSegments("/hubs")
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetTokenBucketLimiter(PartitionKey(ctx), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = writes,
                    TokensPerPeriod = writes,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));

        options.AddPolicy(AccountAttempts, ctx =>
            HttpMethods.IsGet(ctx.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + Address(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = attempts,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        AddVotes(options, configuration);
    }

    private static void AddVotes(RateLimiterOptions options, IConfiguration configuration)
    {
        var votes = configuration.GetValue("RateLimits:VotesPerMinute", 60);
        options.AddPolicy(Votes, ctx =>
            HttpMethods.IsGet(ctx.Request.Method)
                || (ctx.Request.Query.TryGetValue("handler", out var handler) && !string.Equals(handler, "Vote", StringComparison.OrdinalIgnoreCase))
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetTokenBucketLimiter("votes:" + PartitionKey(ctx), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = votes,
                    TokensPerPeriod = votes,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
    }

    private static string PartitionKey(HttpContext ctx) =>
        ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "ip:" + Address(ctx);

    private static string Address(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>The per-account write budget of <see cref="RateLimits"/>, for hub methods, which run outside the HTTP pipeline's limiter.</summary>
public sealed class HubWrites(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ =>
        {
            var writes = configuration.GetValue("RateLimits:WritesPerMinute", 120);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = writes,
                TokensPerPeriod = writes,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            };
        }));

    /// <param name="key">The account id, or the connection id of an anonymous caller.</param>
    public bool TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
