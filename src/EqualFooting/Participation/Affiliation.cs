using EqualFooting.Common;
using EqualFooting.Processes;

namespace EqualFooting.Participation;

/// <summary>
/// One declaration of a participant's stakeholder group and region, valid from <see cref="From"/> until the next
/// declaration. Rows are never rewritten except to close them, so records can point at the one that was current.
/// </summary>
public sealed class Affiliation
{
    public const int CountryLength = 2;

    private Affiliation()
    {
    }

    public long Id { get; private set; }

    public int ParticipantId { get; private set; }

    /// <summary>Copied from the participant so counts per process need no join.</summary>
    public int ProcessId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Country { get; private set; }

    public string? Gender { get; private set; }

    public string? Organisation { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset? Until { get; internal set; }

    /// <summary>The one rewrite besides closing: erasure of the account removes the personal parts of every declaration.</summary>
    internal void Erase()
    {
        Country = null;
        Gender = null;
        Organisation = null;
    }

    internal bool SameAs(Affiliation other) =>
        StakeholderGroupId == other.StakeholderGroupId
        && RegionId == other.RegionId
        && Country == other.Country
        && Gender == other.Gender
        && Organisation == other.Organisation;

    internal Affiliation Open(int processId, DateTimeOffset from) => new()
    {
        ProcessId = processId,
        StakeholderGroupId = StakeholderGroupId,
        RegionId = RegionId,
        Country = Country,
        Gender = Gender,
        Organisation = Organisation,
        From = from,
    };

    /// <summary>
    /// Checks a choice against the process's lists. A retired group or region cannot be newly chosen, but a
    /// participant who already holds it may keep it while changing something else.
    /// </summary>
    internal static Result<Affiliation> Validate(Process process, AffiliationChoice choice, Affiliation? current = null)
    {
        var group = process.StakeholderGroups.FirstOrDefault(g => g.Id == choice.StakeholderGroupId);
        if (group is null)
        {
            return Error.Invalid("stakeholderGroupId", "Choose one of this process's stakeholder groups.");
        }

        if (group.IsRetired && current?.StakeholderGroupId != group.Id)
        {
            return Error.Invalid("stakeholderGroupId", $"The stakeholder group \"{group.Name}\" has been retired.");
        }

        var region = process.Regions.FirstOrDefault(r => r.Id == choice.RegionId);
        if (region is null)
        {
            return Error.Invalid("regionId", "Choose one of this process's regions.");
        }

        if (region.IsRetired && current?.RegionId != region.Id)
        {
            return Error.Invalid("regionId", $"The region \"{region.Name}\" has been retired.");
        }

        var country = Text.Optional("country", choice.Country, Text.ShortMax);
        if (country.Error is { } e1)
        {
            return e1;
        }

        if (country.Value is { } c && !(c.Length == 2 && c.All(char.IsAsciiLetter)))
        {
            return Error.Invalid("country", "Country must be a two-letter ISO code such as BR or KE.");
        }

        var gender = Text.Optional("gender", choice.Gender, Text.ShortMax);
        if (gender.Error is { } e2)
        {
            return e2;
        }

        var organisation = Text.Optional("organisation", choice.Organisation, Text.NameMax);
        if (organisation.Error is { } e3)
        {
            return e3;
        }

        return new Affiliation
        {
            StakeholderGroupId = group.Id,
            RegionId = region.Id,
            Country = country.Value?.ToUpperInvariant(),
            Gender = gender.Value,
            Organisation = organisation.Value,
        };
    }
}
