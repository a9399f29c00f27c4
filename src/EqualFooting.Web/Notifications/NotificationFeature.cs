using EqualFooting.Common;
using EqualFooting.Notifications;
using EqualFooting.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Notifications;

public sealed record NoticeMailRequest(NoticeMail? Mail);

/// <summary>A notice as the API gives it: its facts, the phrase in the reader's language and the address it is about.</summary>
public sealed record NoticeView(long Id, NoticeKind Kind, int? ProcessId, int? ConsultationId, long? CommentId, int? ItemId, string? Reason, string? Detail, DateTimeOffset CreatedAt, bool Read, string Text, string Link);

/// <summary>The inbox, following, e-mail about notices and "my contributions".</summary>
public static class NotificationFeature
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NoticeSettings>(configuration.GetSection(NoticeSettings.Section));
        services.AddScoped<NotificationQueries>();
        services.AddScoped<NoticeCommands>();
        services.AddScoped<ContributionQueries>();
        services.AddSingleton<NoticeSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeSweep>());
        services.AddSingleton<NoticeFanoutWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeFanoutWorker>());
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/account/me").WithTags("Notifications").WithMetadata(new NeedsAccount());

        me.MapGet("/notifications", async (Actors actors, NotificationQueries queries, IStringLocalizer<SharedResource> L, HttpRequest request, CancellationToken ct) =>
        {
            if (actors.AccountId is not { } account)
            {
                return Problems.ToResult(Error.Unauthenticated());
            }

            var page = PageNumber.From(request);
            if (page is < 1 || (page is null && request.Query.ContainsKey(PageNumber.Name)))
            {
                return Problems.ToResult(Error.Invalid("page", "The page is a whole number from 1."));
            }

            var inbox = await queries.InboxPageAsync(account, page ?? 1, ct);
            request.HttpContext.Response.Headers["X-Unread"] = inbox.Unread.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Ok(inbox.Items.Select(n => View(n, L)));
        })
            .WithName("MyNotifications")
            .WithSummary("The signed-in account's inbox, newest first, 100 a page (?page=2…); each notice with its phrase and link.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/notifications/unread", async (Actors actors, NotificationQueries queries, CancellationToken ct) =>
            actors.AccountId is { } account ? Results.Ok(new { unread = await queries.UnreadAsync(account, ct) }) : Problems.ToResult(Error.Unauthenticated()))
            .WithName("MyUnreadNotices")
            .WithSummary("How many of the signed-in account's notices are unread.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapPost("/notifications/{noticeId:long}/read", async (long noticeId, NoticeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.MarkReadAsync(noticeId, ct), changed => Results.Ok(new { id = noticeId, read = true, changed })))
            .WithName("MarkNoticeRead")
            .WithSummary("Marks one of the signed-in account's notices read; again changes nothing.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPost("/notifications/read", async (NoticeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.MarkAllReadAsync(ct), marked => Results.Ok(new { marked })))
            .WithName("MarkAllNoticesRead")
            .WithSummary("Marks every unread notice of the signed-in account read.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/notice-mail", async (Actors actors, EqualFooting.Persistence.EqualFootingDb db, CancellationToken ct) =>
            actors.AccountId is { } account
                ? Results.Ok(new { mail = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Users.Where(u => u.Id == account).Select(u => u.NoticeMail), ct) })
                : Problems.ToResult(Error.Unauthenticated()))
            .WithName("MyNoticeMail")
            .WithSummary("Whether the signed-in account's notices are e-mailed: None, Immediate or Daily.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapPut("/notice-mail", async (NoticeMailRequest request, NoticeCommands commands, HttpContext http, CancellationToken ct) =>
            Problems.ToResult(await commands.SetMailAsync(request.Mail, Culture(http), ct), mail => Results.Ok(new { mail })))
            .WithName("SetNoticeMail")
            .WithSummary("Chooses whether notices are e-mailed: None, Immediate (one message per notice) or Daily (one digest a day).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/follows", async (Actors actors, NotificationQueries queries, CancellationToken ct) =>
            actors.AccountId is { } account ? Results.Ok(await queries.FollowingAsync(account, ct)) : Problems.ToResult(Error.Unauthenticated()))
            .WithName("MyFollows")
            .WithSummary("The processes and consultations the signed-in account follows.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/contributions", async (Actors actors, ContributionQueries queries, HttpRequest request, CancellationToken ct) =>
        {
            if (actors.AccountId is not { } account)
            {
                return Problems.ToResult(Error.Unauthenticated());
            }

            var page = PageNumber.From(request);
            if (page is < 1 || (page is null && request.Query.ContainsKey(PageNumber.Name)))
            {
                return Problems.ToResult(Error.Invalid("page", "The page is a whole number from 1."));
            }

            return Results.Ok(await queries.MineAsync(account, page ?? 1, ct));
        })
            .WithName("MyContributions")
            .WithSummary("Every comment the signed-in account made across processes, with its current disposition and the version it led to (50 a page, ?page=2…), and their interventions and speaking time by session.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        MapFollow(app, "/api/processes/{id:int}/follow", FollowSubject.Process, "process");
        MapFollow(app, "/api/consultations/{id:int}/follow", FollowSubject.Consultation, "consultation");
        return app;
    }

    internal static NoticeView View(NoticeDto n, IStringLocalizer L)
    {
        var (text, link) = NoticeText.Describe(n, L);
        return new NoticeView(n.Id, n.Kind, n.ProcessId, n.ConsultationId, n.CommentId, n.ItemId, n.Reason, n.Detail, n.CreatedAt, n.Read, text, link);
    }

    /// <summary>The language of the request, kept with the e-mail choice so the e-mails speak it.</summary>
    internal static string? Culture(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture.Name;

    private static void MapFollow(IEndpointRouteBuilder app, string path, FollowSubject subject, string what)
    {
        app.MapPut(path, async (int id, NoticeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.SetFollowingAsync(subject, id, true, ct), Results.Ok))
            .WithTags("Notifications")
            .WithName($"Follow{subject}")
            .WithMetadata(new NeedsAccount())
            .WithSummary($"The signed-in account follows this {what}, to be told of new versions and closings; following twice is one follow.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapDelete(path, async (int id, NoticeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.SetFollowingAsync(subject, id, false, ct), Results.Ok))
            .WithTags("Notifications")
            .WithName($"Unfollow{subject}")
            .WithMetadata(new NeedsAccount())
            .WithSummary($"The signed-in account stops following this {what}.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
