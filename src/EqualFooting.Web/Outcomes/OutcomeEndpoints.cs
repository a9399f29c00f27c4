using System.Globalization;
using System.Text;
using EqualFooting.Common;
using EqualFooting.Outcomes;
using EqualFooting.Web.Privacy;

namespace EqualFooting.Web.Outcomes;

public sealed record PerspectiveRequest(int? StakeholderGroupId, string? Text);

public sealed record ReportRequest(string? Summary, string? MainIssues, PerspectiveRequest[]? Perspectives, string? Agreement, string? Divergence, string? NextSteps)
{
    public ReportText ToText() => new(Summary, MainIssues, [.. (Perspectives ?? []).Select(p => new Perspective(p?.StakeholderGroupId ?? 0, p?.Text ?? ""))], Agreement, Divergence, NextSteps);
}

public sealed record SettingsRequest(bool? ReportsRequired, int? AdviceReminderDays);

public sealed record SourceRequest(string? Kind, int? Id);

public sealed record MessageRequest(string? Title, string? Text, SourceRequest[]? Sources);

public sealed record MilestoneRequest(string? Title, DateOnly? DueOn, int? RegionId, string? OwnerAccountId = null);

public sealed record CommitmentRequest(string? Title, string? Description, int? LeadStakeholderGroupId, string? LeadOrganisation, string? Signatories, string? Owners, DateOnly? DueOn, MilestoneRequest[]? Milestones, string[]? Evidence, string? OwnerAccountId = null);

public sealed record CommitmentUpdateRequest(string? Status, string[]? Evidence);

public sealed record MilestoneDoneRequest(DateOnly? On);

public sealed record AdviceRequest(string? Title, string? Text, string? Link, string? Recipient);

public sealed record SendRequest(DateOnly? SentOn);

public sealed record AdviceResponseRequest(string? Status, string? Response, DateOnly? RespondedOn, string? Implemented);

public sealed record IndicatorRequest(string? Name, string? Unit, string? Description);

public sealed record ValueRequest(DateOnly? On, double? Value);

public sealed record ValuesRequest(ValueRequest[]? Values);

public sealed record EventRequest(DateOnly? On, string? Label);

public sealed record ReportsStatusDto(bool ReportsRequired, IReadOnlyList<MissingReport> Missing);

public static class OutcomeEndpoints
{
    public static void MapOutcomeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/advice", async (int? page, AdviceRegisterQueries queries, CancellationToken ct) =>
            page is < 1 or > OutcomeQueries.MaxPage
                ? Problems.ToResult(Error.Invalid("page", $"A page from 1 to {OutcomeQueries.MaxPage}."))
                : Results.Ok(await queries.ViewAsync(page ?? 1, ct)))
            .WithTags("Outcomes").WithName("GetAdviceAcrossProcesses")
            .WithSummary("The public advice register across processes: how much advice was heeded, overall and by process, and one page (50) of all advice, newest first.")
            .ProducesProblem(400);

        app.MapGet("/api/advice.csv", async (AdviceRegisterQueries queries, CancellationToken ct) =>
            Results.Text(AdviceCsv.Write(await queries.AllAsync(ct)), "text/csv; charset=utf-8", Encoding.UTF8))
            .WithTags("Outcomes").WithName("GetAdviceAcrossProcessesCsv").WithSummary("Every piece of public advice across processes as CSV, one row each.");

        var session = app.MapGroup("/api/sessions/{sessionId:int}/report").WithTags("Outcomes");

        session.MapGet("", async (int sessionId, OutcomeQueries queries, CancellationToken ct) =>
            Problems.ToResult(await queries.ReportAsync(sessionId, ct), v => v.Report is null ? Problems.ToResult(Error.NotFound("This session has no report yet.")) : Results.Ok(v)))
            .WithName("GetSessionReport").WithSummary("A session's report in the IGF shape with the session's figures (a draft only for its rapporteurs and moderators).").ProducesProblem(404);

        session.MapGet("/markdown", async (int sessionId, OutcomeQueries queries, CancellationToken ct) =>
            Problems.ToResult(await queries.ReportAsync(sessionId, ct), v => v.Report is null
                ? Problems.ToResult(Error.NotFound("This session has no report yet."))
                : Results.Text(ReportDocument.Markdown(v), "text/markdown; charset=utf-8", Encoding.UTF8)))
            .WithName("GetSessionReportMarkdown").WithSummary("A session's report as Markdown.").ProducesProblem(404);

        session.MapPut("", async (int sessionId, ReportRequest request, OutcomeCommands commands, OutcomeQueries queries, CancellationToken ct) =>
            Problems.ToResult(await commands.DraftReportAsync(sessionId, request.ToText(), ct), r => Results.Ok(new { r.Id, r.SessionId, r.Status, r.UpdatedAt })))
            .WithName("DraftSessionReport").WithSummary("The rapporteur drafts or revises the session's report; a published report no longer changes (409).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        session.MapPost("/publish", async (int sessionId, OutcomeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.PublishReportAsync(sessionId, ct), r => Results.Ok(new { r.Id, r.SessionId, r.Status, r.PublishedAt })))
            .WithName("PublishSessionReport").WithSummary("A moderator publishes the drafted report (403 for anyone else).")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        var process = app.MapGroup("/api/processes/{id:int}").WithTags("Outcomes");

        process.MapGet("/outcomes", async (int id, ProcessAccess processes, OutcomeQueries queries, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
        {
            // The JSON is serialised once per cached model: readers get the same bytes until the process changes.
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error
                ? Problems.ToResult(error)
                : Results.Bytes(await queries.OutcomesJsonAsync(found.Value.Process, clock.GetUtcNow(), json.Value.SerializerOptions, ct), "application/json; charset=utf-8");
        }).Produces<OutcomesView>().WithName("GetOutcomes").WithSummary("A process's outcomes: every count, and the first items of each list (published reports, missing reports, messages, commitments, indicators, advice); the full lists are paged.").ProducesProblem(404);

        process.MapGet("/outcomes/{list}", async (int id, string list, int? page, ProcessAccess processes, OutcomeQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            if (!OutcomeLists.All.Contains(list))
            {
                return Problems.ToResult(Error.NotFound("No such list: reports, missing-reports, messages, commitments, indicators or advice."));
            }

            if (page is < 1 or > OutcomeQueries.MaxPage)
            {
                return Problems.ToResult(Error.Invalid("page", $"A page from 1 to {OutcomeQueries.MaxPage}."));
            }

            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(found.Value.Process, list, page ?? 1, clock.GetUtcNow(), ct));
        }).WithName("GetOutcomeList").WithSummary("One page (50 items) of a full outcomes list: reports, missing-reports, messages, commitments, indicators or advice.").ProducesProblem(400).ProducesProblem(404);

        process.MapGet("/outcomes.csv", async (int id, ProcessAccess processes, OutcomeQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error
                ? Problems.ToResult(error)
                : Results.Text(OutcomesCsv.Write(await queries.ExportAsync(found.Value.Process, clock.GetUtcNow(), ct)), "text/csv; charset=utf-8", Encoding.UTF8);
        }).WithName("GetOutcomesCsv").WithSummary("A process's outcomes as CSV, one row per item.").ProducesProblem(404);

        process.MapGet("/outcomes.atom", async (int id, HttpContext http, ProcessAccess processes, EqualFooting.Persistence.EqualFootingDb db, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var site = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Text(OutcomeFeed.Atom(site, id, found.Value.Process.Name, await OutcomeFeed.ItemsAsync(db, id, ct)), "application/atom+xml; charset=utf-8", Encoding.UTF8);
        }).WithName("GetOutcomesFeed").WithSummary("An Atom feed of a process's new outcome items: reports, messages, decisions, commitments, advice and indicators, newest first (50).")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml").ProducesProblem(404);

        process.MapGet("/reports", async (int id, ProcessAccess processes, OutcomeQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error
                ? Problems.ToResult(error)
                : Results.Ok(new ReportsStatusDto(await queries.ReportsRequiredAsync(id, ct), await queries.MissingReportsAsync(id, clock.GetUtcNow(), ct)));
        }).WithName("GetMissingReports").WithSummary("Whether the process requires a report for every session, and the sessions that are over without a published one.").ProducesProblem(404);

        process.MapPut("/outcome-settings", async (int id, SettingsRequest request, OutcomeCommands commands, CancellationToken ct) =>
            request.ReportsRequired is not { } required
                ? Problems.ToResult(Error.Invalid("reportsRequired", "Say whether every session needs a report (true or false)."))
                : Problems.ToResult(await commands.ChangeSettingsAsync(id, required, request.AdviceReminderDays, ct), s => Results.Ok(new { s.ReportsRequired, s.AdviceReminderDays })))
            .WithName("ChangeOutcomeSettings").WithSummary("A convener sets whether every session needs a published report, and how many days sent advice waits for a response before its reminder.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        process.MapPost("/messages", async (int id, MessageRequest request, OutcomeCommands commands, CancellationToken ct) =>
        {
            var sources = new List<(SourceKind, int)>();
            var given = request.Sources ?? [];
            for (var i = 0; i < given.Length; i++)
            {
                var s = given[i];
                if (s is null || !Enum.TryParse<SourceKind>(s.Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(s.Kind, out _))
                {
                    return Problems.ToResult(Error.Invalid($"sources[{i}].kind", "A source is a session, consultation, poll, conversation or proposal."));
                }

                if (s.Id is not { } sid)
                {
                    return Problems.ToResult(Error.Invalid($"sources[{i}].id", "Give the source's id."));
                }

                sources.Add((kind, sid));
            }

            return Problems.ToResult(await commands.PublishMessageAsync(id, request.Title, request.Text, sources, ct), m => Results.Created($"/api/processes/{id}/outcomes", OutcomeQueries.ToDto(m)));
        }).WithName("PublishMessage").WithSummary("A convener publishes a message with its provenance: sessions, consultations, polls, conversations and proposals of the process.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        process.MapPost("/commitments", async (int id, CommitmentRequest request, OutcomeCommands commands, ProcessAccess processes, PublicNames names, TimeProvider clock, CancellationToken ct) =>
        {
            var input = new NewCommitment(request.Title, request.Description, request.LeadStakeholderGroupId, request.LeadOrganisation, request.Signatories, request.Owners, request.DueOn,
                [.. (request.Milestones ?? []).Select(m => new MilestoneInput(m?.Title, m?.DueOn, m?.RegionId, m?.OwnerAccountId))], [.. (request.Evidence ?? []).Select(e => e ?? "")], request.OwnerAccountId);
            return await CommitmentResultAsync(id, await commands.CreateCommitmentAsync(id, input, ct), processes, names, clock, created: true, ct);
        }).WithName("CreateCommitment").WithSummary("A convener records a commitment: lead, owners, due date, milestones (per region where the rollout goes region by region), evidence.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        process.MapPut("/commitments/{cid:int}", async (int id, int cid, CommitmentUpdateRequest request, OutcomeCommands commands, ProcessAccess processes, PublicNames names, TimeProvider clock, CancellationToken ct) =>
            !Enum.TryParse<CommitmentStatus>(request.Status?.Trim(), ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(request.Status, out _)
                ? Problems.ToResult(Error.Invalid("status", "Choose planned, inProgress, done or dropped."))
                : await CommitmentResultAsync(id, await commands.UpdateCommitmentAsync(id, cid, status, [.. (request.Evidence ?? []).Select(e => e ?? "")], ct), processes, names, clock, created: false, ct))
            .WithName("UpdateCommitment").WithSummary("Changes a commitment's status and adds evidence links.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        process.MapPost("/commitments/{cid:int}/milestones", async (int id, int cid, MilestoneRequest request, OutcomeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.AddMilestoneAsync(id, cid, new MilestoneInput(request.Title, request.DueOn, request.RegionId, request.OwnerAccountId), ct), m => Results.Created($"/api/processes/{id}/outcomes", new { m.Id, m.Title, m.DueOn, m.RegionId })))
            .WithName("AddMilestone").WithSummary("Adds a milestone; one after the commitment's due date is refused (400).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        process.MapPost("/commitments/{cid:int}/milestones/{mid:int}/done", async (int id, int cid, int mid, MilestoneDoneRequest? request, OutcomeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.CompleteMilestoneAsync(id, cid, mid, request?.On, ct), m => Results.Ok(new { m.Id, m.CompletedOn })))
            .WithName("CompleteMilestone").WithSummary("Marks a milestone reached (today, or on the date given).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        process.MapPost("/advice", async (int id, AdviceRequest request, OutcomeCommands commands, TimeProvider clock, CancellationToken ct) =>
            Problems.ToResult(await commands.CreateAdviceAsync(id, request.Title, request.Text, request.Link, request.Recipient, ct), a => Results.Created($"/api/processes/{id}/outcomes", OutcomeQueries.ToDto(a, Today(clock)))))
            .WithName("CreateAdvice").WithSummary("A convener records advice for a body: its text or a link to the ratified statement, and the recipient.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        process.MapPost("/advice/{aid:int}/sent", async (int id, int aid, SendRequest request, OutcomeCommands commands, TimeProvider clock, CancellationToken ct) =>
            Problems.ToResult(await commands.SendAdviceAsync(id, aid, request.SentOn, ct), a => Results.Ok(OutcomeQueries.ToDto(a, Today(clock)))))
            .WithName("SendAdvice").WithSummary("Records the date the advice was sent.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        process.MapPost("/advice/{aid:int}/response", async (int id, int aid, AdviceResponseRequest request, OutcomeCommands commands, TimeProvider clock, CancellationToken ct) =>
            !Enum.TryParse<AdviceStatus>(request.Status?.Trim(), ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(request.Status, out _)
                ? Problems.ToResult(Error.Invalid("status", "Choose accepted, partly, rejected or noResponse."))
                : Problems.ToResult(await commands.RecordResponseAsync(id, aid, status, request.Response, request.RespondedOn, request.Implemented, ct), a => Results.Ok(OutcomeQueries.ToDto(a, Today(clock)))))
            .WithName("RecordAdviceResponse").WithSummary("Records the recipient's response and what was implemented; on advice not sent, 409.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        process.MapPost("/indicators", async (int id, IndicatorRequest request, OutcomeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.CreateIndicatorAsync(id, request.Name, request.Unit, request.Description, ct), i => Results.Created($"/api/processes/{id}/indicators/{i.Id}", new { i.Id, i.Name, i.Unit })))
            .WithName("CreateIndicator").WithSummary("A convener creates an indicator: a named time series.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        process.MapGet("/indicators/{iid:int}", async (int id, int iid, ProcessAccess processes, OutcomeQueries queries, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            return await queries.IndicatorAsync(id, iid, ct) is { } view ? Results.Ok(view) : Problems.ToResult(Error.NotFound("No such indicator."));
        }).WithName("GetIndicator").WithSummary("An indicator's values and the events on its time axis.").ProducesProblem(404);

        process.MapPost("/indicators/{iid:int}/values", async (int id, int iid, ValuesRequest request, OutcomeCommands commands, CancellationToken ct) =>
        {
            var values = new List<DatedValue>();
            var given = request.Values ?? [];
            for (var i = 0; i < given.Length; i++)
            {
                if (given[i]?.On is not { } on)
                {
                    return Problems.ToResult(Error.Invalid($"values[{i}].on", "Give the value's date."));
                }

                if (given[i]?.Value is not { } v || !double.IsFinite(v))
                {
                    return Problems.ToResult(Error.Invalid($"values[{i}].value", "Give a number."));
                }

                if (values.Any(x => x.On == on))
                {
                    return Problems.ToResult(Error.Invalid($"values[{i}].on", "One value per date."));
                }

                values.Add(new DatedValue(on, v));
            }

            return Problems.ToResult(await commands.RecordValuesAsync(id, iid, values, ct), n => Results.Ok(new { recorded = n }));
        }).WithName("RecordIndicatorValues").WithSummary("Records values typed by hand; a date already in the series takes the new value.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        process.MapPost("/indicators/{iid:int}/csv", async (int id, int iid, HttpRequest http, OutcomeCommands commands, CancellationToken ct) =>
        {
            var text = await ReadCsvAsync(http, ct);
            if (text.Error is { } unread)
            {
                return Problems.ToResult(unread);
            }

            var parsed = IndicatorCsv.Parse(text.Value);
            return parsed.Error is { } bad
                ? Problems.ToResult(bad)
                : Problems.ToResult(await commands.RecordValuesAsync(id, iid, parsed.Value, ct), n => Results.Ok(new { recorded = n }));
        }).WithName("UploadIndicatorCsv").WithSummary("Uploads values as CSV (header 'date,value'); a malformed file is refused whole, naming the line and the reason.")
            .Accepts<string>("text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        process.MapPost("/indicators/{iid:int}/events", async (int id, int iid, EventRequest request, OutcomeCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.MarkEventAsync(id, iid, request.On, request.Label, ct), e => Results.Created($"/api/processes/{id}/indicators/{iid}", new IndicatorEventDto(e.Id, e.On, e.Label))))
            .WithName("MarkIndicatorEvent").WithSummary("Marks an event (the resolution, the rollout start) on an indicator's time axis.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
    }

    /// <summary>The body as UTF-8 text, at most 8 MiB.</summary>
    public static async Task<Result<string>> ReadCsvAsync(HttpRequest http, CancellationToken ct)
    {
        const int max = 8 * 1024 * 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return Error.Invalid("file", "The file is larger than 8 MiB.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Csv.DecodeUtf8(buffer.ToArray()) is { } text ? text : Error.Invalid("file", "The file is not UTF-8 text.");
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<IResult> CommitmentResultAsync(int id, Result<Commitment> result, ProcessAccess processes, PublicNames names, TimeProvider clock, bool created, CancellationToken ct)
    {
        if (result.Error is { } error)
        {
            return Problems.ToResult(error);
        }

        var found = await processes.ViewAsync(id, ct);
        var process = found.Value.Process;
        var owners = await OutcomeQueries.OwnerNamesAsync(id, [result.Value], names, ct);
        var dto = OutcomeQueries.ToDto(result.Value, process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name), process.Regions.ToDictionary(r => r.Id, r => r.Name), Today(clock), owners);
        return created ? Results.Created($"/api/processes/{id}/outcomes", dto) : Results.Ok(dto);
    }
}

/// <summary>The advice register across processes as CSV.</summary>
public static class AdviceCsv
{
    public static string Write(IReadOnlyList<AdviceAcross> advice)
    {
        var csv = new StringBuilder();
        csv.Append("process_id,process,advice_id,title,recipient,sent_on,status,responded_on,implemented\r\n");
        foreach (var a in advice)
        {
            csv.Append(a.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(',').Append(OutcomesCsv.Field(a.ProcessName)).Append(',')
                .Append(a.Id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(OutcomesCsv.Field(a.Title)).Append(',').Append(OutcomesCsv.Field(a.Recipient)).Append(',')
                .Append(a.SentOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(a.SentOn is null ? "not sent" : a.Status.ToString()).Append(',')
                .Append(a.RespondedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(OutcomesCsv.Field(a.Implemented ?? "")).Append("\r\n");
        }

        return csv.ToString();
    }
}

/// <summary>The outcomes page as CSV: one row per item, kind first, so a spreadsheet can filter by kind and status.</summary>
public static class OutcomesCsv
{
    public static string Write(OutcomesExport v)
    {
        var csv = new StringBuilder();
        csv.Append("kind,id,title,status,date,detail\r\n");
        foreach (var r in v.Reports)
        {
            Row(csv, "report", r.SessionId, r.SessionTitle, "published", Date(r.PublishedAt), "");
        }

        foreach (var m in v.MissingReports)
        {
            Row(csv, "missing report", m.SessionId, m.Title, "missing", Date(m.EndsAt), "");
        }

        foreach (var m in v.Messages)
        {
            Row(csv, "message", m.Id, m.Title, "published", Date(m.PublishedAt), string.Join(" ", m.Sources.Select(s => s.Href)));
        }

        foreach (var c in v.Commitments)
        {
            Row(csv, "commitment", c.Id, c.Title, c.Status.ToString(), Iso(c.DueOn), c.OverdueMilestones > 0 ? $"{c.OverdueMilestones} overdue milestone(s)" : "");
            foreach (var m in c.Milestones)
            {
                Row(csv, "milestone", m.Id, m.Title, m.CompletedOn is not null ? "reached" : m.Overdue ? "overdue" : "open", Iso(m.DueOn), m.Region ?? "");
            }
        }

        foreach (var i in v.Indicators)
        {
            Row(csv, "indicator", i.Id, i.Name, "", i.LatestOn is { } on ? Iso(on) : "", i.LatestValue is { } x ? x.ToString(CultureInfo.InvariantCulture) : "");
        }

        foreach (var a in v.Advice)
        {
            Row(csv, "advice", a.Id, a.Title, a.SentOn is null ? "not sent" : a.Status.ToString(), a.SentOn is { } s ? Iso(s) : "", a.Recipient);
        }

        // A decision, then one row per cell of its positions (by stakeholder group, by region, by both): the title
        // names the cell, the detail gives n and each stance, or only n where the cell is too small to show.
        foreach (var d in v.Decisions)
        {
            Row(csv, "decision", d.Id, d.Title, d.Outcome?.ToString() ?? "", Date(d.DecidedAt), d.Rule.ToString());
            foreach (var c in d.ByStakeholderGroup.Concat(d.ByRegion).Concat(d.ByStakeholderGroupAndRegion))
            {
                var cell = string.Join(" / ", new[] { c.StakeholderGroup, c.Region }.OfType<string>());
                var n = string.Create(CultureInfo.InvariantCulture, $"n={c.N}");
                Row(csv, "decision positions", d.Id, cell, c.Hidden ? $"fewer than {d.MinimumCellSize}" : "", Date(d.DecidedAt),
                    c.Hidden ? n : string.Create(CultureInfo.InvariantCulture, $"{n} agree={c.Agree} disagree={c.Disagree} abstain={c.Abstain} block={c.Block}"));
            }
        }

        return csv.ToString();
    }

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, string kind, int id, string title, string status, string date, string detail) =>
        csv.Append(Field(kind)).Append(',').Append(id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Field(title)).Append(',')
            .Append(Field(status)).Append(',').Append(date).Append(',').Append(Field(detail)).Append("\r\n");

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula.
    public static string Field(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@')
        {
            s = "'" + s;
        }

        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
