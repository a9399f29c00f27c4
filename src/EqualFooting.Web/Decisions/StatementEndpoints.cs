using EqualFooting.Common;
using EqualFooting.Decisions;

namespace EqualFooting.Web.Decisions;

public sealed record StatementRequest(string? Title, string? Recipient, int? ConsultationId);

public sealed record RatificationRequest(RuleRequest? Rule, int? WindowDays, int? AppealWindowDays);

public sealed record SendRequest(string? Via);

public sealed record StatementDto(int Id, int ProcessId, int ConsultationId, string Title, string Recipient, StatementStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? SentVia)
{
    public static StatementDto Of(DecisionStatement s, StatementStatus status) => new(s.Id, s.ProcessId, s.ConsultationId, s.Title, s.Recipient, status, s.CreatedAt, s.SentAt, s.SentVia);
}

public sealed record StatementDetailDto(StatementDto Statement, string ConsultationTitle, IReadOnlyList<StatementVersionLine> Versions, IReadOnlyList<RatificationLine> Ratifications, ProposalDetailDto? LatestVote)
{
    public static StatementDetailDto Of(StatementView v) =>
        new(StatementDto.Of(v.Statement, v.Status), v.ConsultationTitle, v.Versions, v.Ratifications, v.LatestVote is { } vote ? ProposalDetailDto.Of(vote) : null);
}

public static class StatementEndpoints
{
    public static void MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/processes/{id:int}/statements").WithTags("Decisions");

        api.MapGet("", async (int id, ProcessAccess processes, StatementQueries queries, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(id, ct));
        }).WithName("ListStatements").WithSummary("Lists a process's statements with their status, newest first.").ProducesProblem(404);

        api.MapPost("", async (int id, StatementRequest request, StatementCommands commands, CancellationToken ct) =>
            request.ConsultationId is not { } consultation
                ? Problems.ToResult(Error.Invalid("consultationId", "Choose the consultation in which the draft goes out for comment."))
                : Problems.ToResult(await commands.CreateAsync(id, request.Title, request.Recipient, consultation, ct), s => Results.Created($"/api/processes/{id}/statements/{s.Id}", StatementDto.Of(s, StatementStatus.Drafting))))
            .WithName("CreateStatement").WithSummary("Starts a statement to a recipient from a consultation that carries its draft.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        api.MapGet("/{sid:int}", async (int id, int sid, ProcessAccess processes, StatementQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var view = await queries.ViewAsync(found.Value.Process, sid, clock.GetUtcNow(), ct);
            return view is null ? Problems.ToResult(Error.NotFound("No such statement.")) : Results.Ok(StatementDetailDto.Of(view));
        }).WithName("GetStatement").WithSummary("A statement with links to every version, the dispositions, its ratification votes and the latest tally.").ProducesProblem(404);

        api.MapPost("/{sid:int}/ratification", async (int id, int sid, RatificationRequest request, StatementCommands commands, CancellationToken ct) =>
        {
            if (request.Rule is null)
            {
                return Problems.ToResult(Error.Invalid("rule", "Choose the rule the members ratify under."));
            }

            var rule = request.Rule.ToRule();
            return rule.Error is { } bad
                ? Problems.ToResult(bad)
                : Problems.ToResult(
                    await commands.PutToRatificationAsync(id, sid, rule.Value, request.WindowDays ?? 7, request.AppealWindowDays ?? 0, ct),
                    r => Results.Created($"/api/processes/{id}/proposals/{r.ProposalId}", new { r.ProposalId, r.VersionNumber, r.At }));
        }).WithName("PutStatementToRatification").WithSummary("Puts the consultation's latest version to the members: a vote under a chosen rule within a window.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        api.MapPost("/{sid:int}/send", async (int id, int sid, SendRequest request, StatementCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.SendAsync(id, sid, request.Via, ct), s => Results.Ok(StatementDto.Of(s, StatementStatus.Sent))))
            .WithName("SendStatement").WithSummary("Marks a ratified statement as sent to its recipient, saying how it was sent.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);
    }
}
