using System.Globalization;
using System.Text;
using EqualFooting.Common;
using EqualFooting.Conversations;

namespace EqualFooting.Web.Conversations;

public sealed record StartConversationRequest(string? Title, string? Moderation);

public sealed record StatementRequest(string? Text);

public sealed record VoteRequest(string? Choice);

public sealed record ModerationRequest(string? Status);

public sealed record ConversationDto(int Id, int ProcessId, string Title, bool IsOpen, string Moderation)
{
    public static ConversationDto From(Conversation c) => new(c.Id, c.ProcessId, c.Title, c.IsOpen, c.Moderation.ToString().ToLowerInvariant());
}

public sealed record StatementDto(int Id, int ConversationId, string Text, string Status)
{
    public static StatementDto From(Statement s) => new(s.Id, s.ConversationId, s.Text, s.Status.ToString().ToLowerInvariant());
}

public sealed record VoteDto(int StatementId, string Choice);

public static class ConversationEndpoints
{
    public static Result<StatementModeration> ParseModeration(string? value) =>
        value?.Trim().ToUpperInvariant() switch
        {
            null or "" or "BEFORE" => StatementModeration.Before,
            "AFTER" => StatementModeration.After,
            _ => Error.Invalid("moderation", "Moderation is before or after."),
        };

    public static Result<StatementStatus> ParseStatus(string? value) =>
        value?.Trim().ToUpperInvariant() switch
        {
            "APPROVED" => StatementStatus.Approved,
            "REJECTED" => StatementStatus.Rejected,
            _ => Error.Invalid("status", "Status is approved or rejected."),
        };

    public static void MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/processes/{id:int}/conversations").WithTags("Conversations");

        api.MapPost("", async (int id, StartConversationRequest request, ConversationCommands commands, CancellationToken ct) =>
        {
            var moderation = ParseModeration(request.Moderation);
            return moderation.Error is { } invalid
                ? Problems.ToResult(invalid)
                : Problems.ToResult(await commands.StartAsync(id, request.Title, moderation.Value, ct), c => Results.Created($"/api/processes/{id}/conversations/{c.Id}", ConversationDto.From(c)));
        }).WithName("StartConversation").WithSummary("Starts a conversation in a process (conveners).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        api.MapPost("/{conversationId:int}/close", async (int id, int conversationId, ConversationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.CloseAsync(id, conversationId, ct), c => Results.Ok(ConversationDto.From(c))))
            .WithName("CloseConversation").WithSummary("Closes a conversation to statements and votes (conveners).")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPost("/{conversationId:int}/statements", async (int id, int conversationId, StatementRequest request, ConversationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.AddStatementAsync(id, conversationId, request.Text, ct), s => Results.Created($"/api/processes/{id}/conversations/{conversationId}/statements/{s.Id}", StatementDto.From(s))))
            .WithName("AddStatement").WithSummary("Adds a statement (participants); pending or shown as the conversation's moderation setting says.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapPut("/{conversationId:int}/statements/{statementId:int}/status", async (int id, int conversationId, int statementId, ModerationRequest request, ConversationCommands commands, CancellationToken ct) =>
        {
            var status = ParseStatus(request.Status);
            return status.Error is { } invalid
                ? Problems.ToResult(invalid)
                : Problems.ToResult(await commands.ModerateAsync(id, conversationId, statementId, status.Value, ct), s => Results.Ok(StatementDto.From(s)));
        }).WithName("ModerateStatement").WithSummary("Approves or rejects a statement (moderators and conveners).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        api.MapPut("/{conversationId:int}/statements/{statementId:int}/vote", async (int id, int conversationId, int statementId, VoteRequest request, ConversationCommands commands, CancellationToken ct) =>
        {
            var choice = VoteChoices.Parse(request.Choice);
            return choice.Error is { } invalid
                ? Problems.ToResult(invalid)
                : Problems.ToResult(await commands.VoteAsync(id, conversationId, statementId, choice.Value, ct), v => Results.Ok(new VoteDto(v.StatementId, VoteChoices.Name(v.Choice))));
        }).WithName("VoteOnStatement").WithSummary("Casts or changes the participant's vote (agree, disagree or pass) on a shown statement.")
            .RequireRateLimiting(RateLimits.Votes)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        api.MapGet("/{conversationId:int}/report", async (int id, int conversationId, ProcessAccess processes, ConversationQueries queries, ConversationAnalyses analyses, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            if (await queries.FindAsync(id, conversationId, ct) is null)
            {
                return Problems.ToResult(Error.NotFound("No such conversation in this process."));
            }

            return Results.Ok(ConversationReport.From(await analyses.GetAsync(conversationId, ct)));
        }).WithName("ConversationReport").WithSummary("The opinion groups, representative, divisive and bridging statements, as JSON.")
            .ProducesProblem(404);

        api.MapGet("/{conversationId:int}/report.csv", async (int id, int conversationId, ProcessAccess processes, ConversationQueries queries, ConversationAnalyses analyses, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            if (await queries.FindAsync(id, conversationId, ct) is null)
            {
                return Problems.ToResult(Error.NotFound("No such conversation in this process."));
            }

            var report = ConversationReport.From(await analyses.GetAsync(conversationId, ct));
            return Results.File(Encoding.UTF8.GetBytes(report.ToCsv()), "text/csv", $"conversation-{conversationId}-report.csv");
        }).WithName("ConversationReportCsv").WithSummary("The same report as CSV: one row per statement and group rate.")
            .ProducesProblem(404);
    }
}

public sealed record ReportRate(string Kind, int Group, int Agree, int Disagree, int Pass, double AgreeRate);

public sealed record ReportStatement(string Kind, int? OpinionGroup, int StatementId, string Text, double Score, IReadOnlyList<ReportRate> Rates);

public sealed record ReportGroup(int Id, int Size, IReadOnlyDictionary<int, int> ByStakeholderGroup, IReadOnlyDictionary<int, int> ByRegion);

/// <summary>The report of a conversation's opinion map, with database ids: what the JSON and CSV downloads hold.</summary>
public sealed record ConversationReport(int ConversationId, int Votes, int Participants, int SetAside, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<ReportStatement> Statements)
{
    public static ConversationReport From(ConversationMap map)
    {
        ReportRate Rate(GroupRate r) => new(
            r.Kind == GroupKind.Opinion ? "opinion" : "stakeholder",
            r.Kind == GroupKind.Opinion ? r.Group : map.StakeholderGroupOf(r.Group),
            r.Votes.Agree,
            r.Votes.Disagree,
            r.Votes.Pass,
            Math.Round(r.AgreeRate, 4));

        var groups = map.Groups.Select(g =>
        {
            var members = map.Points.Where(p => p.Group == g.Id).ToList();
            return new ReportGroup(
                g.Id,
                g.Size,
                members.GroupBy(p => p.StakeholderGroupId).OrderBy(x => x.Key).ToDictionary(x => x.Key, x => x.Count()),
                members.GroupBy(p => p.RegionId).OrderBy(x => x.Key).ToDictionary(x => x.Key, x => x.Count()));
        }).ToList();
        var statements = new List<ReportStatement>();
        foreach (var g in map.Groups)
        {
            statements.AddRange(g.Representative.Select(r => new ReportStatement(
                r.Direction == VoteChoice.Agree ? "representative-agree" : "representative-disagree",
                g.Id,
                map.Statement(r.Statement).Id,
                map.Statement(r.Statement).Text,
                Math.Round(r.Score, 4),
                [new ReportRate("opinion", g.Id, r.InGroup.Agree, r.InGroup.Disagree, r.InGroup.Pass, Math.Round(r.GroupRate, 4))])));
        }

        statements.AddRange(map.Divisive.Select(d => new ReportStatement("divisive", null, map.Statement(d.Statement).Id, map.Statement(d.Statement).Text, Math.Round(d.Spread, 4), [.. d.Rates.Select(Rate)])));
        statements.AddRange(map.Bridging.Select(b => new ReportStatement("bridging", null, map.Statement(b.Statement).Id, map.Statement(b.Statement).Text, Math.Round(b.Score, 4), [.. b.Rates.Select(Rate)])));
        return new ConversationReport(map.ConversationId, map.Votes, map.Points.Count + map.SetAside, map.SetAside, groups, statements);
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("kind,opinion_group,statement_id,text,score,rate_kind,rate_group,agree,disagree,pass,agree_rate\n");
        foreach (var s in Statements)
        {
            foreach (var r in s.Rates)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{s.Kind},{s.OpinionGroup},{s.StatementId},{Quote(s.Text)},{s.Score},{r.Kind},{r.Group},{r.Agree},{r.Disagree},{r.Pass},{r.AgreeRate}\n");
            }
        }

        return csv.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
