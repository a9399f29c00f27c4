using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Sessions;

/// <summary>
/// One intervention read from a transcript and stored in a session. It keeps the speaker's name as the transcript
/// wrote it, not a participant: who the name stands for is decided in the process's <see cref="SpeakerNameMapping"/>
/// table and looked up whenever statistics are computed, so mapping a name later (or correcting a mapping) changes
/// the statistics of every transcript already imported, and the transcript itself stays as it was.
/// </summary>
public sealed class ImportedInterventionRow
{
    private ImportedInterventionRow()
    {
        Label = "";
        Text = "";
    }

    public int SessionId { get; private set; }

    /// <summary>1, 2, 3… in transcript order.</summary>
    public int Number { get; private set; }

    /// <summary>The name as written; null for a turn without a usable name (a bare "&gt;&gt;", "UNIDENTIFIED MALE").</summary>
    public string? SpeakerName { get; private set; }

    /// <summary>The name's comparison key (<see cref="SpeakerNameMapping.KeyOf"/>), indexed for the lookup.</summary>
    public string? SpeakerKey { get; private set; }

    /// <summary>What the transcript wrote before the colon, even for an unnamed turn.</summary>
    public string Label { get; private set; }

    public int Words { get; private set; }

    /// <summary>Estimated from the words at the speaking rate chosen on import.</summary>
    public int EstimatedSeconds { get; private set; }

    public int Line { get; private set; }

    public string Text { get; private set; }

    public static IEnumerable<ImportedInterventionRow> From(int sessionId, Transcript transcript) =>
        transcript.Interventions.Select(i => new ImportedInterventionRow
        {
            SessionId = sessionId,
            Number = i.Order,
            SpeakerName = i.Speaker,
            SpeakerKey = i.Speaker is null ? null : SpeakerNameMapping.KeyOf(i.Speaker),
            Label = i.Label.Length > Common.Text.ShortMax ? i.Label[..Common.Text.ShortMax] : i.Label,
            Words = i.Words,
            EstimatedSeconds = (int)Math.Round(i.EstimatedDuration.TotalSeconds),
            Line = i.Line,
            Text = i.Text,
        });

    public ImportedTurn ToTurn() => new(Number, SpeakerKey, Words, TimeSpan.FromSeconds(EstimatedSeconds));
}

/// <summary>What a transcript speaker name stands for in a process.</summary>
public enum SpeakerMappingKind
{
    /// <summary>A participant: group, region and gender come from their affiliation.</summary>
    Participant,

    /// <summary>Someone who is not a participant, counted under the group and region the convener gives.</summary>
    Group,

    /// <summary>Someone who speaks for no stakeholder group (a chair, an interpreter, a captioner's note).</summary>
    Unaffiliated,
}

/// <summary>
/// One line of a process's speaker name table: a name as transcripts spell it, and whom it stands for. Names compare
/// without case, spacing or accents, so one line covers every spelling that differs only in those; a participant may
/// have several lines (several spellings), a spelling only one.
/// </summary>
public sealed class SpeakerNameMapping
{
    private SpeakerNameMapping()
    {
        Key = "";
        Name = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Key { get; private set; }

    /// <summary>The spelling first mapped, for display.</summary>
    public string Name { get; private set; }

    public SpeakerMappingKind Kind { get; private set; }

    public int? ParticipantId { get; private set; }

    public int? StakeholderGroupId { get; private set; }

    public int? RegionId { get; private set; }

    public DateTimeOffset MappedAt { get; private set; }

    public static string KeyOf(string name) => Names.Key(name);

    /// <summary>
    /// Checks a mapping: a participant of this process; or a group of this process with an optional region; or
    /// neither, which is unaffiliated. A participant wins over a group given beside it, since their affiliation says
    /// the group.
    /// </summary>
    public static Result<SpeakerMappingChoice> Validate(Process process, string? name, int? participantId, Participant? participant, int? stakeholderGroupId, int? regionId)
    {
        var clean = Common.Text.Required("name", name, Common.Text.ShortMax);
        if (clean.Error is { } badName)
        {
            return badName;
        }

        var display = Names.Collapse(clean.Value);
        if (participantId is not null)
        {
            return participant is { } p && p.ProcessId == process.Id && p.Id == participantId
                ? new SpeakerMappingChoice(display, SpeakerMappingKind.Participant, p.Id, null, null)
                : Error.Invalid("participantId", "Choose one of this process's participants.");
        }

        if (regionId is not null && !process.Regions.Any(r => r.Id == regionId))
        {
            return Error.Invalid("regionId", "Choose one of this process's regions.");
        }

        if (stakeholderGroupId is null)
        {
            return new SpeakerMappingChoice(display, SpeakerMappingKind.Unaffiliated, null, null, regionId);
        }

        return process.StakeholderGroups.Any(g => g.Id == stakeholderGroupId)
            ? new SpeakerMappingChoice(display, SpeakerMappingKind.Group, null, stakeholderGroupId, regionId)
            : Error.Invalid("stakeholderGroupId", "Choose one of this process's stakeholder groups.");
    }

    public static SpeakerNameMapping Create(int processId, SpeakerMappingChoice choice, DateTimeOffset now)
    {
        var mapping = new SpeakerNameMapping { ProcessId = processId, Key = KeyOf(choice.Name), Name = choice.Name };
        mapping.Apply(choice, now);
        return mapping;
    }

    /// <returns>False when the mapping already says this.</returns>
    public bool Change(SpeakerMappingChoice choice, DateTimeOffset now)
    {
        if (Kind == choice.Kind && ParticipantId == choice.ParticipantId && StakeholderGroupId == choice.StakeholderGroupId && RegionId == choice.RegionId)
        {
            return false;
        }

        Apply(choice, now);
        return true;
    }

    private void Apply(SpeakerMappingChoice choice, DateTimeOffset now)
    {
        Kind = choice.Kind;
        ParticipantId = choice.ParticipantId;
        StakeholderGroupId = choice.StakeholderGroupId;
        RegionId = choice.RegionId;
        MappedAt = now;
    }
}

public sealed record SpeakerMappingChoice(string Name, SpeakerMappingKind Kind, int? ParticipantId, int? StakeholderGroupId, int? RegionId);

/// <summary>An imported turn as statistics need it: who (by name key) and how long.</summary>
public sealed record ImportedTurn(int Number, string? SpeakerKey, int Words, TimeSpan EstimatedDuration);

/// <summary>The group, region and gender a mapped name is counted under.</summary>
public sealed record ResolvedSpeaker(int StakeholderGroupId, int RegionId, string? Gender);

/// <summary>
/// Turns imported transcript turns into interventions for <see cref="SpeakingStatistics"/>, resolving each name
/// through the speaker name table as it stands now. Two keys stand outside the process's groups and regions:
/// <see cref="Unaffiliated"/> for a name mapped to no group (or no region), <see cref="NotMapped"/> for a name nobody
/// has mapped yet and for unnamed turns, so the totals always add up to the whole transcript.
/// </summary>
public static class ImportedSpeaking
{
    public const int Unaffiliated = 0;

    public const int NotMapped = -1;

    /// <param name="start">The session's start: turns follow each other from it, each as long as its estimate.</param>
    public static IReadOnlyList<Intervention> ToInterventions(IEnumerable<ImportedTurn> turns, IReadOnlyDictionary<string, ResolvedSpeaker> byKey, DateTimeOffset start)
    {
        var result = new List<Intervention>();
        var at = start;
        foreach (var turn in turns.OrderBy(t => t.Number))
        {
            var who = turn.SpeakerKey is { } key && byKey.TryGetValue(key, out var found) ? found : null;
            var end = at + turn.EstimatedDuration;
            result.Add(new Intervention(
                -turn.Number,
                Speaker.InRoom(turn.SpeakerKey ?? "?").Value,
                who?.StakeholderGroupId ?? NotMapped,
                who?.RegionId ?? NotMapped,
                who?.Gender,
                false,
                HandKind.Normal,
                null,
                null,
                at,
                end));
            at = end;
        }

        return result;
    }

    /// <summary>What a mapping resolves to; for a participant, <paramref name="affiliation"/> is theirs at the session's time.</summary>
    public static ResolvedSpeaker? Resolve(SpeakerNameMapping mapping, Affiliation? affiliation) => mapping.Kind switch
    {
        SpeakerMappingKind.Participant => affiliation is null ? null : new ResolvedSpeaker(affiliation.StakeholderGroupId, affiliation.RegionId, affiliation.Gender),
        SpeakerMappingKind.Group => new ResolvedSpeaker(mapping.StakeholderGroupId!.Value, mapping.RegionId ?? Unaffiliated, null),
        _ => new ResolvedSpeaker(Unaffiliated, mapping.RegionId ?? Unaffiliated, null),
    };

    /// <summary>
    /// The declaration a participant's imported turns count under: the one in force when the session started, or,
    /// for someone who joined after it (common when old transcripts are imported), their first declaration.
    /// </summary>
    public static Affiliation? AffiliationAt(IEnumerable<Affiliation> history, DateTimeOffset at)
    {
        var ordered = history.OrderBy(a => a.From).ToList();
        return ordered.FirstOrDefault(a => a.From <= at && (a.Until is null || a.Until > at)) ?? ordered.FirstOrDefault();
    }
}

internal sealed class ImportedInterventionRowMapping : IEntityTypeConfiguration<ImportedInterventionRow>
{
    public void Configure(EntityTypeBuilder<ImportedInterventionRow> b)
    {
        b.ToTable("ImportedInterventions");
        b.HasKey(i => new { i.SessionId, i.Number });
        b.Property(i => i.Number).ValueGeneratedNever();
        b.Property(i => i.SpeakerName).HasMaxLength(Common.Text.ShortMax);
        b.Property(i => i.SpeakerKey).HasMaxLength(Common.Text.ShortMax);
        b.Property(i => i.Label).HasMaxLength(Common.Text.ShortMax);
        b.HasOne<Session>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.SpeakerKey);
    }
}

internal sealed class SpeakerNameMappingMapping : IEntityTypeConfiguration<SpeakerNameMapping>
{
    public void Configure(EntityTypeBuilder<SpeakerNameMapping> b)
    {
        b.ToTable("SpeakerNames");
        b.Property(m => m.Key).HasMaxLength(Common.Text.ShortMax);
        b.Property(m => m.Name).HasMaxLength(Common.Text.ShortMax);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ProcessId, m.Key }).IsUnique();
    }
}
