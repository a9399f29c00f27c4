using System.Globalization;
using EqualFooting.Common;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Sessions;

public sealed record PolicyRequest(QueuePolicyKind? Policy, QueuePolicySettings? PolicySettings, long? ExpectedSequence);

/// <param name="OperatorEmail">The account that raises the hub's hand; omitted when only moderators will.</param>
public sealed record HubRequest(string? Name, string? Location, int? RegionId, int? StakeholderGroupId, string? StakeholderMix, string? OperatorEmail);

/// <param name="StakeholderGroupId">The group of the person about to speak; omitted for the hub's own group.</param>
public sealed record HubHandRequest(int? StakeholderGroupId, bool? PointOfOrder);

/// <param name="ParticipantId">A participant of the process; or else a group (and region); or neither, for unaffiliated.</param>
public sealed record SpeakerNameRequest(string? Name, int? ParticipantId, int? StakeholderGroupId, int? RegionId);

/// <summary>The API of queue policies, remote hubs, transcript imports and the speaker name table.</summary>
public static class SessionUiEndpoints
{
    public static void MapSessionUiEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/sessions/{sessionId:int}").WithTags("Sessions");

        session.MapPut("/policy", async (int sessionId, PolicyRequest request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
        {
            var changed = await commands.ChangePolicyAsync(sessionId, request.Policy, request.PolicySettings, request.ExpectedSequence, ct);
            return changed.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.StateAsync((await commands.FindAsync(sessionId, ct)).Value, ct));
        }).WithName("ChangeQueuePolicy")
            .WithSummary("Choose a session's speaking-queue policy");

        session.MapPost("/hubs", async (int sessionId, HubRequest request, SessionCommands commands, CancellationToken ct) =>
            Problems.ToResult(
                await commands.RegisterHubAsync(sessionId, new RemoteHubDetails(request.Name, request.Location, request.RegionId, request.StakeholderGroupId, request.StakeholderMix), request.OperatorEmail, ct),
                hub => Results.Created($"/api/sessions/{sessionId}", new { id = hub.Id, hub.Name, hub.Location, hub.RegionId, hub.StakeholderGroupId, hub.StakeholderMix })))
            .WithName("RegisterRemoteHub")
            .WithSummary("Register a remote hub for a session");

        session.MapPost("/hubs/{hubId:int}/hand", async (int sessionId, int hubId, HubHandRequest? request, SessionCommands commands, CancellationToken ct) =>
        {
            var raised = await commands.RaiseHubHandAsync(sessionId, hubId, request?.StakeholderGroupId, request?.PointOfOrder ?? false, ct);
            if (raised.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var found = await commands.FindAsync(sessionId, ct);
            return Results.Ok(new EntryDto(raised.Value.Id, found.IsSuccess ? found.Value.Session.Version : 0));
        }).WithName("RaiseHubHand")
            .WithSummary("Raise a hand for a remote hub's speaker");

        session.MapDelete("/hubs/{hubId:int}/hand", async (int sessionId, int hubId, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
        {
            var lowered = await commands.LowerHubHandAsync(sessionId, hubId, ct);
            return lowered.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.StateAsync((await commands.FindAsync(sessionId, ct)).Value, ct));
        }).WithName("LowerHubHand")
            .WithSummary("Lower a remote hub's raised hand");

        var process = app.MapGroup("/api/processes/{id:int}").WithTags("Sessions");

        // The transcript is the request body, as plain UTF-8 text; the options are query parameters so that
        // `curl --data-binary @file.txt` is all a script needs.
        process.MapPost("/transcripts", async (int id, HttpRequest http, TranscriptImports imports, CancellationToken ct) =>
        {
            var read = await ReadAsync(http, ct);
            if (read.Error is { } bad)
            {
                return Problems.ToResult(bad);
            }

            var (content, options, sessionId) = read.Value;
            var imported = await imports.ImportAsync(id, sessionId, http.Query["fileName"].ToString(), content, options, ct);
            return Problems.ToResult(imported, dto => Results.Created($"/api/sessions/{dto.SessionId}/statistics", dto));
        }).WithName("ImportTranscript")
            .WithSummary("Import a session transcript into a process");

        process.MapPost("/transcripts/preview", async (int id, HttpRequest http, TranscriptImports imports, CancellationToken ct) =>
        {
            var read = await ReadAsync(http, ct);
            if (read.Error is { } bad)
            {
                return Problems.ToResult(bad);
            }

            return Problems.ToResult(await imports.PreviewAsync(id, read.Value.Content, read.Value.Options, ct), Results.Ok);
        }).WithName("PreviewTranscript")
            .WithSummary("Preview a transcript import without storing it");

        process.MapGet("/speaker-names", async (int id, TranscriptImports imports, CancellationToken ct) =>
            Problems.ToResult(await imports.SpeakersAsync(id, ct), Results.Ok)).WithName("SpeakerNames")
            .WithSummary("The speaker-name table used to match transcript speakers to participants");

        process.MapPut("/speaker-names", async (int id, SpeakerNameRequest request, TranscriptImports imports, CancellationToken ct) =>
            Problems.ToResult(await imports.MapSpeakerAsync(id, request.Name, request.ParticipantId, request.StakeholderGroupId, request.RegionId, ct), Results.Ok))
            .WithName("MapSpeakerName")
            .WithSummary("Update the speaker-name table");
    }

    /// <summary>The options of an import, from text as a form or query string gives them, each error naming its field.</summary>
    public static Result<(TranscriptOptions Options, int? SessionId)> Options(string? format, string? wordsPerMinute, string? sessionId)
    {
        TranscriptFormat? chosen = format switch
        {
            null or "" or "auto" => null,
            "speaker-lines" or "SpeakerLines" => TranscriptFormat.SpeakerLines,
            "cart" or "Cart" => TranscriptFormat.Cart,
            _ => (TranscriptFormat)(-1),
        };
        if (chosen is { } f && !Enum.IsDefined(f))
        {
            return Error.Invalid("format", "The format is speaker-lines or cart, or empty to detect it.");
        }

        var rate = TranscriptOptions.DefaultWordsPerMinute;
        if (!string.IsNullOrWhiteSpace(wordsPerMinute) && !double.TryParse(wordsPerMinute, NumberStyles.Float, CultureInfo.InvariantCulture, out rate))
        {
            return Error.Invalid("wordsPerMinute", "The speaking rate is a number of words per minute.");
        }

        int? session = null;
        if (!string.IsNullOrWhiteSpace(sessionId))
        {
            if (!int.TryParse(sessionId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Error.Invalid("sessionId", "The session is given by its number.");
            }

            session = parsed;
        }

        return (new TranscriptOptions(chosen, rate), session);
    }

    private static async Task<Result<(byte[] Content, TranscriptOptions Options, int? SessionId)>> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var options = Options(http.Query["format"], http.Query["wordsPerMinute"], http.Query["sessionId"]);
        if (options.Error is { } bad)
        {
            return bad;
        }

        // Anything past the parser's own limit is refused unread, so a huge upload does not fill memory first.
        const long limit = TranscriptParser.MaxCharacters * 4L;
        if (http.ContentLength > limit)
        {
            return Error.Invalid("transcript", $"The transcript is larger than {TranscriptParser.MaxCharacters:N0} characters; split it by session.");
        }

        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), options.Value.Options, options.Value.SessionId);
    }
}
