using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;

namespace EqualFooting.Web.Participation;

public sealed record AffiliationRequest(int? StakeholderGroupId, int? RegionId, string? Country, string? Gender, string? Organisation)
{
    public Result<AffiliationChoice> ToChoice() =>
        StakeholderGroupId is not { } group ? Error.Invalid("stakeholderGroupId", "Stakeholder group is required.")
        : RegionId is not { } region ? Error.Invalid("regionId", "Region is required.")
        : new AffiliationChoice(group, region, Country, Gender, Organisation);
}

public sealed record AffiliationDto(long Id, int StakeholderGroupId, int RegionId, string? Country, string? Gender, string? Organisation, DateTimeOffset From, DateTimeOffset? Until)
{
    public static AffiliationDto Of(Affiliation a) => new(a.Id, a.StakeholderGroupId, a.RegionId, a.Country, a.Gender, a.Organisation, a.From, a.Until);
}

public sealed record ParticipantDto(int Id, int ProcessId, DateTimeOffset JoinedAt, AffiliationDto Affiliation)
{
    public static ParticipantDto From(EqualFooting.Participation.Participant p) => new(p.Id, p.ProcessId, p.JoinedAt, AffiliationDto.Of(p.Current));
}

public sealed record ParticipationCell(int StakeholderGroupId, int RegionId, int Count);

public sealed record ParticipationDto(
    IReadOnlyList<CategoryHeading> StakeholderGroups,
    IReadOnlyList<CategoryHeading> Regions,
    IReadOnlyList<ParticipationCell> Cells,
    IReadOnlyDictionary<int, int> ByStakeholderGroup,
    IReadOnlyDictionary<int, int> ByRegion,
    int Total)
{
    public static ParticipationDto From(ParticipationTable t) => new(
        t.Groups,
        t.Regions,
        [.. from g in t.Groups from r in t.Regions let n = t.Cell(g.Id, r.Id) where n > 0 select new ParticipationCell(g.Id, r.Id, n)],
        t.GroupTotals,
        t.RegionTotals,
        t.Total);
}

public sealed record ParticipantListDto(int Page, int PageSize, int Total, IReadOnlyList<ParticipantRow> Items, ParticipationDto Counts);

public static class ParticipationEndpoints
{
    public static void MapParticipationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/processes/{id:int}").WithTags("Participation");

        api.MapPost("/participants", async (int id, AffiliationRequest request, ParticipationCommands commands, CancellationToken ct) =>
        {
            var choice = request.ToChoice();
            if (choice.Error is { } invalid)
            {
                return Problems.ToResult(invalid);
            }

            return Problems.ToResult(await commands.JoinAsync(id, choice.Value, ct), joined =>
                joined.Created
                    ? Results.Created($"/api/processes/{id}/participants/me", ParticipantDto.From(joined.Participant))
                    : Results.Ok(ParticipantDto.From(joined.Participant)));
        }).WithName("JoinProcess")
            .WithSummary("Join a process with a stakeholder group and region");

        api.MapPut("/participants/me/affiliation", async (int id, AffiliationRequest request, ParticipationCommands commands, CancellationToken ct) =>
        {
            var choice = request.ToChoice();
            if (choice.Error is { } invalid)
            {
                return Problems.ToResult(invalid);
            }

            return Problems.ToResult(await commands.ChangeAffiliationAsync(id, choice.Value, ct), changed => Results.Ok(ParticipantDto.From(changed.Participant)));
        }).WithName("ChangeAffiliation")
            .WithSummary("Change your own affiliation in a process");

        api.MapGet("/participants/me/affiliations", async (int id, ProcessAccess processes, ParticipationQueries queries, Actors actors, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            if (actors.AccountId is not { } account)
            {
                return Problems.ToResult(Error.Unauthenticated());
            }

            return Results.Ok(await queries.HistoryAsync(found.Value.Process, account, ct));
        }).WithName("MyAffiliationHistory")
            .WithSummary("Your own affiliations in a process over time")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount());

        api.MapGet("/participants", async (int id, int? page, int? pageSize, int? stakeholderGroupId, int? regionId, ProcessAccess processes, ParticipationQueries queries, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            if (page is < 1)
            {
                return Problems.ToResult(Error.Invalid("page", "Page must be 1 or more."));
            }

            if (pageSize is < 1 or > ParticipationQueries.MaxPageSize)
            {
                return Problems.ToResult(Error.Invalid("pageSize", $"Page size must be between 1 and {ParticipationQueries.MaxPageSize}."));
            }

            var process = found.Value.Process;
            var table = await queries.TableAsync(process, ct);
            var list = await queries.ListAsync(process, page ?? 1, pageSize ?? ParticipationQueries.DefaultPageSize, stakeholderGroupId, regionId, table, ct);
            return Results.Ok(new ParticipantListDto(list.Page, list.PageSize, list.Total, list.Items, ParticipationDto.From(table)));
        }).WithName("ListParticipants")
            .WithSummary("List a process's participants, as its privacy settings allow");

        api.MapGet("/participation", async (int id, ProcessAccess processes, ParticipationQueries queries, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error
                ? Problems.ToResult(error)
                : Results.Ok(ParticipationDto.From(await queries.TableAsync(found.Value.Process, ct)));
        }).WithName("ParticipationTable")
            .WithSummary("Participation counts by stakeholder group and region");
    }
}
