using EqualFooting.Notifications;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Notifications;

public sealed record NoticeDto(long Id, NoticeKind Kind, int? ProcessId, int? ConsultationId, long? CommentId, string? Reason, DateTimeOffset CreatedAt, bool Read, int? ItemId = null);

/// <summary>An account's inbox, newest first.</summary>
public sealed class NotificationQueries(EqualFootingDb db)
{
    public const int PageSize = 100;

    public Task<List<NoticeDto>> InboxAsync(string accountId, CancellationToken ct = default) =>
        db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId).OrderByDescending(n => n.Id).Take(PageSize)
            .Select(n => new NoticeDto(n.Id, n.Kind, n.ProcessId, n.ConsultationId, n.CommentId, n.Reason, n.CreatedAt, n.ReadAt != null, n.ItemId))
            .ToListAsync(ct);
}

public static class NotificationFeature
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<NotificationQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/account/me/notifications", async (Actors actors, NotificationQueries queries, CancellationToken ct) =>
            actors.AccountId is { } me ? Results.Ok(await queries.InboxAsync(me, ct)) : Problems.ToResult(EqualFooting.Common.Error.Unauthenticated()))
            .WithTags("Notifications")
            .WithName("MyNotifications")
            .WithSummary("The signed-in account's inbox, newest first.")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}
