using EqualFooting.Common;
using EqualFooting.Privacy;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Participation;

namespace EqualFooting.Web.Privacy;

/// <summary>A convener's privacy settings; a missing field keeps its current value.</summary>
public sealed record PrivacySettingsRequest(NameDisclosure? Names, bool? CountryPublic, bool? OrganisationPublic, int? MinimumCellSize);

public sealed record PrivacySettingsDto(NameDisclosure Names, bool CountryPublic, bool OrganisationPublic, int MinimumCellSize)
{
    public static PrivacySettingsDto Of(PrivacySettings s) => new(s.Names, s.CountryPublic, s.OrganisationPublic, s.MinimumCellSize);
}

/// <summary>A participant's own choice: a null <see cref="Names"/> follows the process.</summary>
public sealed record PersonalPrivacyRequest(NameDisclosure? Names, string? Pseudonym, bool? HideCountry, bool? HideOrganisation);

/// <summary>The participant's own choice and exactly what others see of them.</summary>
public sealed record MyPrivacyDto(NameDisclosure? Names, string? Pseudonym, bool HideCountry, bool HideOrganisation, PrivacySettingsDto Process, SeenAsDto SeenAs);

public sealed record SeenAsDto(string Name, string StakeholderGroup, string Region, string? Country, string? Organisation);

public sealed record EraseRequest(string? Password);

public static class PrivacyEndpoints
{
    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var process = app.MapGroup("/api/processes/{id:int}").WithTags("Privacy");

        process.MapGet("/privacy", async (int id, ProcessAccess processes, PublicNames names, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(PrivacySettingsDto.Of(await names.SettingsAsync(id, ct)));
        })
            .WithName("ProcessPrivacy")
            .WithSummary("What is public about the process's participants, and the smallest cell aggregates show.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        process.MapPut("/privacy", async (int id, PrivacySettingsRequest request, ProcessAccess processes, PublicNames names, PrivacyCommands commands, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var current = await names.SettingsAsync(id, ct);
            var next = new PrivacySettings(
                request.Names ?? current.Names,
                request.CountryPublic ?? current.CountryPublic,
                request.OrganisationPublic ?? current.OrganisationPublic,
                request.MinimumCellSize ?? current.MinimumCellSize);
            return Problems.ToResult(await commands.ChangeSettingsAsync(id, next, ct), s => Results.Ok(PrivacySettingsDto.Of(s)));
        })
            .WithName("ChangeProcessPrivacy")
            .WithSummary("A convener changes the privacy settings; a change that would reveal what was hidden is refused once the process is open.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        process.MapGet("/participants/me/privacy", async (int id, MyPrivacy mine, CancellationToken ct) =>
            Problems.ToResult(await mine.ViewAsync(id, ct), Results.Ok))
            .WithName("MyPrivacy")
            .WithSummary("The signed-in participant's own privacy choice and exactly what others see of them.")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        process.MapPut("/participants/me/privacy", async (int id, PersonalPrivacyRequest request, PrivacyCommands commands, MyPrivacy mine, CancellationToken ct) =>
        {
            var chosen = await commands.ChooseOwnAsync(id, new PersonalPrivacy(request.Names, request.Pseudonym, request.HideCountry ?? false, request.HideOrganisation ?? false), ct);
            return chosen.Error is { } error ? Problems.ToResult(error) : Problems.ToResult(await mine.ViewAsync(id, ct), Results.Ok);
        })
            .WithName("ChooseMyPrivacy")
            .WithSummary("A participant chooses what others see of them: stricter than the process's settings, never looser.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var account = app.MapGroup("/api/account/me").WithTags("Privacy");

        account.MapGet("/data", async (Actors actors, PrivacyQueries queries, CancellationToken ct) =>
            actors.AccountId is { } me && await queries.MyDataAsync(me, ct) is { } data
                ? Results.Json(data, statusCode: StatusCodes.Status200OK)
                : Problems.ToResult(Error.Unauthenticated()))
            .WithName("MyData")
            .WithSummary("Everything the product holds about the signed-in account, as JSON.")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        account.MapPost("/erase", async (EraseRequest request, PrivacyCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.EraseAsync(request.Password, ct), _ => Results.Ok(new { erased = true })))
            .WithName("EraseMyAccount")
            .WithSummary("Erases the signed-in account's personal data; contributions stay, attributed to a former participant. Erasing twice changes nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}

/// <summary>What a participant sees of their own privacy: their choice and the face others see.</summary>
public sealed class MyPrivacy(ProcessAccess processes, PublicNames names, ParticipationQueries participation)
{
    public async Task<Result<MyPrivacyDto>> ViewAsync(int processId, CancellationToken ct)
    {
        var found = await processes.ViewAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var (process, actor) = found.Value;
        if (actor.AccountId is null)
        {
            return Error.Unauthenticated();
        }

        if (await participation.ParticipantAsync(processId, actor.AccountId, ct) is not { } me)
        {
            return Error.Conflict("Join the process first.");
        }

        var settings = await names.SettingsAsync(processId, ct);
        var current = me.Current;
        var face = (await names.FacesAsync(processId, [me.Id], ct))[me.Id];
        var seen = PublicFace.Of(settings, me.Privacy, me.Id, "", face.Kind == FaceKind.Erased, current.Country, current.Organisation);
        return new MyPrivacyDto(
            me.OwnNames,
            me.Pseudonym,
            me.HidesCountry,
            me.HidesOrganisation,
            PrivacySettingsDto.Of(settings),
            new SeenAsDto(
                names.Display(face),
                process.StakeholderGroups.First(g => g.Id == current.StakeholderGroupId).Name,
                process.Regions.First(r => r.Id == current.RegionId).Name,
                seen.Country,
                seen.Organisation));
    }
}
