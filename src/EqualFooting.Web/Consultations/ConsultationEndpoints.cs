using System.Globalization;
using System.Text;
using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Consultations;

public sealed record ConsultationRequest(string? Title, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? Markdown)
{
    public ConsultationDetails ToDetails() => new(Title, OpensAt, ClosesAt, Markdown);
}

public sealed record ExtendRequest(DateTimeOffset? ClosesAt, string? Reason);

public sealed record CloseRequest(string? Reason);

public sealed record VersionRequest(string? Markdown);

/// <param name="OnBehalfOf">Conveners only: the author of a comment sent by e-mail or on paper.</param>
public sealed record CommentRequest(int? VersionNumber, int? ParagraphId, string? Text, string? IdempotencyKey, OnBehalfOf? OnBehalfOf = null)
{
    public CommentInput ToInput() => new(VersionNumber, ParagraphId, Text, IdempotencyKey, OnBehalfOf);
}

public sealed record BatchRequest(IReadOnlyList<CommentRequest>? Comments);

public sealed record ReplyRequest(string? Text, string? IdempotencyKey);

public sealed record EditRequest(string? Text);

public sealed record DispositionRequest(Disposition? Disposition, string? Reason);

public sealed record VersionDto(int ConsultationId, int Number, DateTimeOffset PublishedAt, IReadOnlyList<DraftParagraph> Paragraphs)
{
    public static VersionDto From(DraftVersion v) => new(v.ConsultationId, v.Number, v.PublishedAt, v.Paragraphs);
}

public sealed record CommentDto(
    long Id,
    int ConsultationId,
    int VersionNumber,
    int? ParagraphId,
    long? ParentId,
    string Text,
    CommentChannel Channel,
    string? IdempotencyKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? WithdrawnAt,
    IReadOnlyList<CommentEdit> Edits,
    IReadOnlyList<DispositionView> Dispositions,
    long? CampaignId)
{
    public static CommentDto From(Comment c) => new(
        c.Id, c.ConsultationId, c.VersionNumber, c.ParagraphId, c.ParentId, c.Text, c.Channel, c.IdempotencyKey, c.CreatedAt, c.EditedAt, c.WithdrawnAt,
        c.Edits, c.Dispositions.Select(d => new DispositionView(d.Disposition, d.Reason, d.DecidedAt)).ToList(), c.CampaignId);
}

public sealed record BatchItemDto(long Id, string? IdempotencyKey, bool Created);

public sealed record BatchResultDto(int Created, int Repeated, IReadOnlyList<BatchItemDto> Comments);

public static class ConsultationEndpoints
{
    public static void MapConsultationEndpoints(this IEndpointRouteBuilder app)
    {
        var process = app.MapGroup("/api/processes/{id:int}/consultations").WithTags("Consultations");
        process.MapGet("/", async (int id, ProcessAccess processes, ConsultationQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await processes.FindAsync(id, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ForProcessAsync(id, clock.GetUtcNow(), ct));
        }).WithName("ListConsultations")
            .WithSummary("List the consultations of a process");
        process.MapPost("/", async (int id, ConsultationRequest request, ConsultationCommands commands, ConsultationQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var created = await commands.CreateConsultationAsync(id, request.ToDetails(), ct);
            return created.Error is { } error
                ? Problems.ToResult(error)
                : Results.Created($"/api/consultations/{created.Value.Id}", await queries.SummaryAsync(created.Value, clock.GetUtcNow(), ct));
        }).WithName("CreateConsultation")
            .WithSummary("Open a consultation on a draft");

        var api = app.MapGroup("/api/consultations/{cid:int}").WithTags("Consultations");
        api.MapGet("/", async (int cid, ConsultationCommands commands, ConsultationQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.SummaryAsync(found.Value.Consultation, clock.GetUtcNow(), ct));
        }).WithName("GetConsultation")
            .WithSummary("Read a consultation");
        api.MapPost("/extend", async (int cid, ExtendRequest request, ConsultationCommands commands, ConsultationQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var done = await commands.ExtendConsultationAsync(cid, request.ClosesAt, request.Reason, ct);
            return done.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.SummaryAsync(done.Value, clock.GetUtcNow(), ct));
        }).WithName("ExtendConsultation")
            .WithSummary("Extend a consultation's closing time");
        api.MapPost("/close", async (int cid, CloseRequest request, ConsultationCommands commands, ConsultationQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var done = await commands.CloseConsultationAsync(cid, request.Reason, ct);
            return done.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.SummaryAsync(done.Value, clock.GetUtcNow(), ct));
        }).WithName("CloseConsultation")
            .WithSummary("Close a consultation");
        api.MapPost("/versions", async (int cid, VersionRequest request, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.PublishVersionAsync(cid, request.Markdown, ct), v => Results.Created($"/api/consultations/{cid}/draft?version={v.Number}", VersionDto.From(v))))
            .WithName("PublishVersion")
            .WithSummary("Publish a new version of the draft");

        api.MapGet("/draft", async (int cid, int? version, ConsultationCommands commands, ConsultationQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await commands.ViewAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var draft = await queries.DraftAsync(found.Value.Process, found.Value.Consultation, version, clock.GetUtcNow(), ct);
            return draft is null ? Problems.ToResult(Error.NotFound("No such version of this draft.")) : Results.Ok(draft);
        }).WithName("GetDraft")
            .WithSummary("Read the draft's paragraphs (a given version, or the latest)");

        api.MapGet("/comments", async (int cid, int? version, int? paragraphId, int? stakeholderGroupId, int? regionId, string? disposition, int? page, int? pageSize,
            bool? collapse, ConsultationCommands commands, ConsultationQueries queries, CancellationToken ct) =>
        {
            var found = await commands.ViewAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var filter = Filter(version, paragraphId, stakeholderGroupId, regionId, disposition, page, pageSize);
            return filter.Error is { } invalid
                ? Problems.ToResult(invalid)
                : Results.Ok(await queries.CommentsAsync(found.Value.Process, cid, filter.Value with { Collapse = collapse ?? false }, ct));
        }).WithName("ListComments")
            .WithSummary("List comments, filtered by version, paragraph, stakeholder group, region or text");

        api.MapPost("/comments", async (int cid, CommentRequest request, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.SubmitCommentAsync(cid, request.ToInput(), CommentChannel.Api, ct), done =>
                done.Created
                    ? Results.Created($"/api/consultations/{cid}/comments/{done.Comment.Id}", CommentDto.From(done.Comment))
                    : Results.Ok(CommentDto.From(done.Comment))))
            .WithName("SubmitComment")
            .WithSummary("Submit a comment");

        api.MapPost("/comments/batch", async (int cid, BatchRequest request, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.SubmitBatchAsync(cid, request.Comments?.Select(c => c?.ToInput()!).ToList(), CommentChannel.Api, ct), done =>
                Results.Ok(new BatchResultDto(
                    done.Count(d => d.Created),
                    done.Count(d => !d.Created),
                    done.Select(d => new BatchItemDto(d.Comment.Id, d.Comment.IdempotencyKey, d.Created)).ToList()))))
            .WithName("SubmitCommentBatch")
            .WithSummary("Submit a batch of comments at once");

        api.MapPost("/comments/{commentId:long}/replies", async (int cid, long commentId, ReplyRequest request, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.ReplyToCommentAsync(cid, commentId, request.Text, request.IdempotencyKey, CommentChannel.Api, ct), done =>
                done.Created
                    ? Results.Created($"/api/consultations/{cid}/comments/{done.Comment.Id}", CommentDto.From(done.Comment))
                    : Results.Ok(CommentDto.From(done.Comment))))
            .WithName("ReplyToComment")
            .WithSummary("Reply to a comment");
        api.MapPut("/comments/{commentId:long}", async (int cid, long commentId, EditRequest request, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.EditCommentAsync(cid, commentId, request.Text, ct), c => Results.Ok(CommentDto.From(c))))
            .WithName("EditComment")
            .WithSummary("Edit your own comment while the consultation is open");
        api.MapPost("/comments/{commentId:long}/withdraw", async (int cid, long commentId, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.WithdrawCommentAsync(cid, commentId, ct), c => Results.Ok(CommentDto.From(c))))
            .WithName("WithdrawComment")
            .WithSummary("Withdraw your own comment");
        api.MapPost("/comments/{commentId:long}/disposition", async (int cid, long commentId, DispositionRequest request, ConsultationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.DisposeCommentAsync(cid, commentId, request.Disposition, request.Reason, ct), c => Results.Ok(CommentDto.From(c))))
            .WithName("DisposeComment")
            .WithSummary("Give a comment its disposition (accepted, partly, not accepted, noted)");

        api.MapGet("/progress", async (int cid, ConsultationCommands commands, ConsultationQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ProgressAsync(cid, ct));
        }).WithName("DispositionProgress")
            .WithSummary("Disposition progress, split by stakeholder group and region");

        api.MapGet("/uptake", async (int cid, ConsultationCommands commands, ConsultationQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(UptakeDto.From(await queries.UptakeAsync(found.Value.Process, cid, ct)));
        }).WithName("UptakeReport")
            .WithSummary("Uptake report: how comments changed the draft, by group and region");
        api.MapGet("/uptake.csv", async (int cid, ConsultationCommands commands, ConsultationQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            return found.Error is { } error
                ? Problems.ToResult(error)
                : Csv(ConsultationCsv.Uptake(await queries.UptakeAsync(found.Value.Process, cid, ct)), $"consultation-{cid}-uptake.csv");
        }).WithName("UptakeReportCsv")
            .WithSummary("Uptake report as CSV");

        api.MapGet("/export", async (int cid, ConsultationCommands commands, ConsultationQueries queries, CampaignQueries campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var (consultation, process, _) = found.Value;
            var comments = await queries.AllCommentsAsync(cid, ct);
            var authors = await queries.AuthorNamesAsync(process.Id, comments.Select(c => c.AuthorParticipantId), ct);
            var canonicals = (await campaigns.CanonicalsAsync(cid, ct)).Values.ToHashSet();
            return Results.Ok(new ExportDto(
                await queries.SummaryAsync(consultation, clock.GetUtcNow(), ct),
                (await queries.VersionsAsync(cid, ct)).Select(v => new ExportVersionDto(v.Number, v.PublishedAt, v.Source, v.Paragraphs)).ToList(),
                comments.Select(c => new ExportCommentDto(
                    CommentDto.From(c),
                    authors.Of(c),
                    process.StakeholderGroups.FirstOrDefault(g => g.Id == c.StakeholderGroupId)?.Name ?? "",
                    process.Regions.FirstOrDefault(r => r.Id == c.RegionId)?.Name ?? "",
                    c.CampaignId is null ? null : canonicals.Contains(c.Id))).ToList()));
        }).WithName("ExportConsultation")
            .WithSummary("Export the consultation (draft, comments, dispositions, campaigns) as JSON");
        api.MapGet("/export.csv", async (int cid, ConsultationCommands commands, ConsultationQueries queries, CampaignQueries campaigns, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var comments = await queries.AllCommentsAsync(cid, ct);
            var authors = await queries.AuthorNamesAsync(found.Value.Process.Id, comments.Select(c => c.AuthorParticipantId), ct);
            var numbers = (await queries.VersionsAsync(cid, ct)).SelectMany(v => v.Paragraphs.Select(p => (v.Number, p.Id, p.Number)))
                .ToDictionary(x => (x.Item1, x.Item2), x => x.Item3);
            var canonicals = (await campaigns.CanonicalsAsync(cid, ct)).Values.ToHashSet();
            return Csv(ConsultationCsv.Comments(found.Value.Process, comments, authors, numbers, canonicals), $"consultation-{cid}-comments.csv");
        }).WithName("ExportConsultationCsv")
            .WithSummary("Export the consultation's comments as CSV");
    }

    /// <summary>Checks the query string of a comment list; shared by the API and the pages.</summary>
    public static Result<CommentFilter> Filter(int? version, int? paragraphId, int? groupId, int? regionId, string? disposition, int? page, int? pageSize)
    {
        if (page is < 1)
        {
            return Error.Invalid("page", "Page must be 1 or more.");
        }

        if (pageSize is < 1 or > ConsultationQueries.MaxPageSize)
        {
            return Error.Invalid("pageSize", $"Page size must be between 1 and {ConsultationQueries.MaxPageSize}.");
        }

        if (version is < 1)
        {
            return Error.Invalid("version", "Version must be 1 or more.");
        }

        Disposition? chosen = null;
        var undisposed = false;
        if (!string.IsNullOrWhiteSpace(disposition))
        {
            if (string.Equals(disposition, "none", StringComparison.OrdinalIgnoreCase))
            {
                undisposed = true;
            }
            else if (Enum.TryParse<Disposition>(disposition, ignoreCase: true, out var d) && Enum.IsDefined(d) && !int.TryParse(disposition, out _))
            {
                chosen = d;
            }
            else
            {
                return Error.Invalid("disposition", $"Disposition must be one of {string.Join(", ", Enum.GetNames<Disposition>())} or none.");
            }
        }

        return new CommentFilter(version, paragraphId, groupId, regionId, chosen, undisposed, page ?? 1, pageSize ?? ConsultationQueries.DefaultPageSize);
    }

    private static IResult Csv(string text, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", fileName);
}

public sealed record UptakeLineDto(
    int? Id,
    string? Name,
    int Submitted,
    int Disposed,
    int Accepted,
    int PartlyAccepted,
    int Noted,
    int NotAccepted,
    int OutOfScope,
    double? DisposedRate,
    double? AcceptanceRate)
{
    public static UptakeLineDto From(UptakeLine l) => new(
        l.Heading?.Id, l.Heading?.Name, l.Submitted, l.Disposed, l.Accepted, l.PartlyAccepted, l.Noted, l.NotAccepted, l.OutOfScope, l.DisposedRate, l.AcceptanceRate);
}

public sealed record UptakeDto(IReadOnlyList<UptakeLineDto> ByStakeholderGroup, IReadOnlyList<UptakeLineDto> ByRegion, UptakeLineDto Total)
{
    public static UptakeDto From(UptakeReport r) => new(
        r.ByStakeholderGroup.Select(UptakeLineDto.From).ToList(), r.ByRegion.Select(UptakeLineDto.From).ToList(), UptakeLineDto.From(r.Total));
}

public sealed record ExportVersionDto(int Number, DateTimeOffset PublishedAt, string Markdown, IReadOnlyList<DraftParagraph> Paragraphs);

/// <param name="CampaignCanonical">For a campaign member, whether its text is the one that stands for the campaign.</param>
public sealed record ExportCommentDto(CommentDto Comment, string Author, string StakeholderGroup, string Region, bool? CampaignCanonical);

public sealed record ExportDto(ConsultationSummary Consultation, IReadOnlyList<ExportVersionDto> Versions, IReadOnlyList<ExportCommentDto> Comments);

/// <summary>CSV in RFC 4180 form, safe to open in a spreadsheet.</summary>
public static class ConsultationCsv
{
    public static string Uptake(UptakeReport report)
    {
        var sb = new StringBuilder();
        Row(sb, "breakdown", "name", "submitted", "disposed", "accepted", "partly_accepted", "noted", "not_accepted", "out_of_scope", "acceptance_rate");
        void Line(string kind, UptakeLine l) => Row(sb, kind, l.Heading?.Name ?? "Total", N(l.Submitted), N(l.Disposed), N(l.Accepted), N(l.PartlyAccepted), N(l.Noted),
            N(l.NotAccepted), N(l.OutOfScope), l.AcceptanceRate?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
        foreach (var l in report.ByStakeholderGroup)
        {
            Line("stakeholder_group", l);
        }

        foreach (var l in report.ByRegion)
        {
            Line("region", l);
        }

        Line("total", report.Total);
        return sb.ToString();
    }

    public static string Comments(EqualFooting.Processes.Process process, IEnumerable<Comment> comments, Privacy.CommentAuthors authors, IReadOnlyDictionary<(int, int), int> numbers, IReadOnlySet<long>? canonicals = null)
    {
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var sb = new StringBuilder();
        Row(sb, "id", "version", "paragraph_id", "paragraph_number", "parent_id", "author", "stakeholder_group", "region", "channel",
            "created_at", "edited_at", "withdrawn_at", "disposition", "disposition_reason", "disposed_at", "text", "campaign_id", "campaign_canonical");
        foreach (var c in comments)
        {
            var d = c.CurrentDisposition;
            Row(sb,
                c.Id.ToString(CultureInfo.InvariantCulture),
                N(c.VersionNumber),
                c.ParagraphId is { } p ? N(p) : "",
                c.ParagraphId is { } q && numbers.TryGetValue((c.VersionNumber, q), out var n) ? N(n) : "",
                c.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "",
                authors.Of(c),
                groups.GetValueOrDefault(c.StakeholderGroupId, ""),
                regions.GetValueOrDefault(c.RegionId, ""),
                c.Channel.ToString(),
                T(c.CreatedAt),
                c.EditedAt is { } e ? T(e) : "",
                c.WithdrawnAt is { } w ? T(w) : "",
                d?.Disposition.ToString() ?? "",
                d?.Reason ?? "",
                d is null ? "" : T(d.DecidedAt),
                c.Text,
                c.CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "",
                c.CampaignId is null ? "" : canonicals?.Contains(c.Id) == true ? "true" : "false");
        }

        return sb.ToString();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder sb, params string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Cell(cells[i]));
        }

        sb.Append("\r\n");
    }

    /// <summary>Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet shows the text rather than running it as a formula.</summary>
    internal static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
