using EqualFooting.Common;
using EqualFooting.Processes;

namespace EqualFooting.Privacy;

/// <summary>What others may see of a participant's name, from the most open to the most private.</summary>
public enum NameDisclosure
{
    /// <summary>The account's display name.</summary>
    Name = 0,

    /// <summary>A pseudonym the participant chose (or "Participant N" until they choose one).</summary>
    Pseudonym = 1,

    /// <summary>Nothing beyond stakeholder group and region.</summary>
    Nothing = 2,
}

/// <summary>
/// A process's privacy settings, chosen by its conveners: what is public about participants, and the smallest group an
/// aggregate by an undisclosed characteristic (gender, country) may show. A process without a row uses <see cref="Default"/>,
/// which is what every process showed before the settings existed.
/// </summary>
public sealed class ProcessPrivacy
{
    public const int MinimumCellSizeMax = 100;

    private ProcessPrivacy()
    {
    }

    public int ProcessId { get; private set; }

    public NameDisclosure Names { get; private set; }

    public bool CountryPublic { get; private set; }

    public bool OrganisationPublic { get; private set; }

    /// <summary>Cells counting fewer people than this, by a characteristic they did not make public, are shown as "fewer than N".</summary>
    public int MinimumCellSize { get; private set; }

    public static PrivacySettings Default => new(NameDisclosure.Name, CountryPublic: true, OrganisationPublic: true, MinimumCellSize: 3);

    public PrivacySettings Settings => new(Names, CountryPublic, OrganisationPublic, MinimumCellSize);

    public static ProcessPrivacy For(int processId) => new()
    {
        ProcessId = processId,
        Names = Default.Names,
        CountryPublic = Default.CountryPublic,
        OrganisationPublic = Default.OrganisationPublic,
        MinimumCellSize = Default.MinimumCellSize,
    };

    /// <summary>
    /// Applies new settings. Once a process is open, people have declared things under the current settings, so a
    /// change that would reveal any of it is refused; a draft process has no participants yet and may change freely.
    /// Returns false when nothing changed.
    /// </summary>
    public Result<bool> Change(Process process, PrivacySettings next)
    {
        if (next.Validate() is { } invalid)
        {
            return invalid;
        }

        var current = Settings;
        if (process.Status != ProcessStatus.Draft && current.WhatWouldBeRevealed(next) is { } revealed)
        {
            return Error.Conflict($"This would reveal what participants were told stays private ({revealed}). Settings can only become more private once a process has opened.");
        }

        if (current == next)
        {
            return false;
        }

        Names = next.Names;
        CountryPublic = next.CountryPublic;
        OrganisationPublic = next.OrganisationPublic;
        MinimumCellSize = next.MinimumCellSize;
        return true;
    }
}

/// <summary>The values of a process's privacy settings.</summary>
public sealed record PrivacySettings(NameDisclosure Names, bool CountryPublic, bool OrganisationPublic, int MinimumCellSize)
{
    public Error? Validate() =>
        !Enum.IsDefined(Names) ? Error.Invalid("names", "Choose name, pseudonym or nothing.")
        : MinimumCellSize is < 1 or > ProcessPrivacy.MinimumCellSizeMax ? Error.Invalid("minimumCellSize", $"The minimum cell size must be between 1 and {ProcessPrivacy.MinimumCellSizeMax}.")
        : null;

    /// <summary>What <paramref name="next"/> would show that these settings hide, in words, or null when it shows nothing more.</summary>
    public string? WhatWouldBeRevealed(PrivacySettings next)
    {
        var revealed = new List<string>();
        if (next.Names < Names)
        {
            revealed.Add(next.Names == NameDisclosure.Name ? "names" : "pseudonyms");
        }

        if (next.CountryPublic && !CountryPublic)
        {
            revealed.Add("countries");
        }

        if (next.OrganisationPublic && !OrganisationPublic)
        {
            revealed.Add("organisations");
        }

        if (next.MinimumCellSize < MinimumCellSize)
        {
            revealed.Add("smaller cells in aggregates");
        }

        return revealed.Count == 0 ? null : string.Join(", ", revealed);
    }
}
