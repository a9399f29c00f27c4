using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>Who last wrote a report, as the page shows it: the account and the name it had then.</summary>
public sealed record ReportAuthor(string AccountId, string Name);

/// <summary>
/// A breakout round of a session (000: "the room splits into groups… each answers the same questions and reports
/// back to the rapporteur"). Every group gets the same questions and one shared report. <see cref="Version"/> goes up
/// with every change to the round, its groups or their reports: it is the sequence number screens compare, and the
/// row every change claims first so that of two concurrent changes one is retried on fresh state.
/// </summary>
public sealed class Breakout
{
    public const int MaxQuestions = 20;
    public const int QuestionMax = 500;

    private readonly List<BreakoutGroup> _groups = [];
    private readonly List<BreakoutMember> _members = [];

    private Breakout()
    {
        Title = "";
        Questions = [];
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public string Title { get; private set; }

    public BreakoutStrategy Strategy { get; private set; }

    /// <summary>The same questions for every group, in order.</summary>
    public List<string> Questions { get; private set; }

    /// <summary>The seed of a random split, kept so the split can be reproduced and checked.</summary>
    public int? Seed { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<BreakoutGroup> Groups => _groups;

    public IReadOnlyList<BreakoutMember> Members => _members;

    public int ReportedCount => _groups.Count(g => g.IsReported);

    public static Result<Breakout> Create(int sessionId, string? title, IEnumerable<string?>? questions, BreakoutStrategy strategy, BreakoutSplit split, int? seed, DateTimeOffset now)
    {
        var cleanTitle = Text.Optional("title", title, Text.NameMax);
        if (cleanTitle.Error is { } badTitle)
        {
            return badTitle;
        }

        var asked = new List<string>();
        foreach (var q in questions ?? [])
        {
            var clean = Text.Optional("questions", q, QuestionMax);
            if (clean.Error is { } badQuestion)
            {
                return badQuestion;
            }

            if (clean.Value is { } question)
            {
                asked.Add(question);
            }
        }

        if (asked.Count == 0)
        {
            return Error.Invalid("questions", "Give at least one question for the groups to answer.");
        }

        if (asked.Count > MaxQuestions)
        {
            return Error.Invalid("questions", $"At most {MaxQuestions} questions.");
        }

        if (!Enum.IsDefined(strategy))
        {
            return Error.Invalid("strategy", "Choose how to split the room.");
        }

        if (split.Groups.Count is 0 or > BreakoutAssignment.MaxGroups)
        {
            return Error.Invalid("groupCount", $"A round needs between 1 and {BreakoutAssignment.MaxGroups} groups; is anyone in the room?");
        }

        var breakout = new Breakout
        {
            SessionId = sessionId,
            Title = cleanTitle.Value ?? "Breakout groups",
            Strategy = strategy,
            Questions = asked,
            Seed = seed,
            CreatedAt = now,
            Version = 1,
        };
        foreach (var (draft, i) in split.Groups.Select((g, i) => (g, i)))
        {
            var number = i + 1;
            breakout._groups.Add(new BreakoutGroup(number, draft.Name, draft.RegionId, (draft.Members.Count > 0 ? draft.Members[0].ParticipantId : (int?)null)));
            breakout._members.AddRange(draft.Members.Select(m => new BreakoutMember(m.ParticipantId, number, m.StakeholderGroupId, m.RegionId)));
        }

        return breakout;
    }

    public BreakoutGroup? Group(int number) => _groups.FirstOrDefault(g => g.Number == number);

    public BreakoutMember? MemberOf(int participantId) => _members.FirstOrDefault(m => m.ParticipantId == participantId);

    public IEnumerable<BreakoutMember> MembersOf(int groupNumber) => _members.Where(m => m.GroupNumber == groupNumber);

    /// <summary>
    /// Puts someone in a group, moves them, or takes them out of every group (<paramref name="groupNumber"/> null).
    /// Returns false when nothing changed. A group's rapporteur who leaves it leaves the rapporteur's seat empty.
    /// </summary>
    public Result<bool> Move(BreakoutCandidate who, int? groupNumber)
    {
        if (groupNumber is { } n && Group(n) is null)
        {
            return Error.Invalid("group", "No such group in this round.");
        }

        var current = MemberOf(who.ParticipantId);
        if (current?.GroupNumber == groupNumber)
        {
            return false;
        }

        if (current is not null)
        {
            _members.Remove(current);
            if (Group(current.GroupNumber) is { } left && left.RapporteurParticipantId == who.ParticipantId)
            {
                left.RapporteurParticipantId = null;
            }
        }

        if (groupNumber is { } target)
        {
            _members.Add(new BreakoutMember(who.ParticipantId, target, who.StakeholderGroupId, who.RegionId));
        }

        Version++;
        return true;
    }

    /// <summary>Names a member of the group as its rapporteur, or nobody. Returns false when nothing changed.</summary>
    public Result<bool> ChooseRapporteur(int groupNumber, int? participantId)
    {
        if (Group(groupNumber) is not { } group)
        {
            return Error.NotFound("No such group in this round.");
        }

        if (participantId is { } id && MemberOf(id)?.GroupNumber != groupNumber)
        {
            return Error.Invalid("participantId", "The rapporteur must be a member of the group.");
        }

        if (group.RapporteurParticipantId == participantId)
        {
            return false;
        }

        group.RapporteurParticipantId = participantId;
        Version++;
        return true;
    }

    /// <summary>
    /// Saves a group's shared report. <paramref name="basedOn"/> is the report version the writer started from: if
    /// someone else saved since, nothing is saved and the writer is told, so that of two people editing at once
    /// neither loses their text without knowing. Marking the report as sent keeps it sent through later edits.
    /// </summary>
    public Result<BreakoutGroup> SaveReport(int groupNumber, string? text, int? basedOn, bool markReported, ReportAuthor author, DateTimeOffset now)
    {
        if (Group(groupNumber) is not { } group)
        {
            return Error.NotFound("No such group in this round.");
        }

        if (basedOn is not { } version || version < 0)
        {
            return Error.Invalid("version", "The report version you started from is required (0 for a new report).");
        }

        var clean = Text.Optional("text", text, BreakoutGroup.ReportMax);
        if (clean.Error is { } badText)
        {
            return badText;
        }

        if (version != group.ReportVersion)
        {
            return Error.Conflict(
                $"{group.ReportEditorName ?? "Someone"} saved this report while you were editing it. Your text has not been saved: compare it with theirs, then save again.",
                "version");
        }

        var body = clean.Value ?? "";
        if (markReported && body.Length == 0)
        {
            return Error.Invalid("text", "Write the report before sending it.");
        }

        if (body == group.Report && (!markReported || group.IsReported))
        {
            return group;
        }

        group.Report = body;
        group.ReportVersion++;
        group.ReportEditorAccountId = author.AccountId;
        group.ReportEditorName = author.Name;
        group.ReportEditedAt = now;
        if (markReported)
        {
            group.ReportedAt ??= now;
        }

        Version++;
        return group;
    }

    /// <summary>Reminds a group that its report is awaited. A group that has reported needs no reminder.</summary>
    public Result<BreakoutGroup> Remind(int groupNumber, DateTimeOffset now)
    {
        if (Group(groupNumber) is not { } group)
        {
            return Error.NotFound("No such group in this round.");
        }

        if (group.IsReported)
        {
            return Error.Conflict("This group has already sent its report.");
        }

        group.RemindedAt = now;
        group.Reminders++;
        Version++;
        return group;
    }
}

/// <summary>One breakout group of a round, with its shared report.</summary>
public sealed class BreakoutGroup
{
    public const int ReportMax = 50_000;

    internal BreakoutGroup(int number, string name, int? regionId, int? rapporteurParticipantId)
    {
        Number = number;
        Name = name;
        RegionId = regionId;
        RapporteurParticipantId = rapporteurParticipantId;
        Report = "";
    }

    public int BreakoutId { get; private set; }

    /// <summary>1, 2, 3… within the round.</summary>
    public int Number { get; private set; }

    public string Name { get; private set; }

    public int? RegionId { get; private set; }

    public int? RapporteurParticipantId { get; internal set; }

    /// <summary>Markdown; empty until someone writes.</summary>
    public string Report { get; internal set; }

    /// <summary>How many times the report has been saved: the optimistic concurrency check of <see cref="Breakout.SaveReport"/>.</summary>
    public int ReportVersion { get; internal set; }

    public string? ReportEditorAccountId { get; internal set; }

    public string? ReportEditorName { get; internal set; }

    public DateTimeOffset? ReportEditedAt { get; internal set; }

    public DateTimeOffset? ReportedAt { get; internal set; }

    public bool IsReported => ReportedAt is not null;

    public DateTimeOffset? RemindedAt { get; internal set; }

    public int Reminders { get; internal set; }
}

/// <summary>
/// A participant's place in a round, with the stakeholder group and region they held when placed, so each group's
/// mix can be shown as it was.
/// </summary>
public sealed class BreakoutMember
{
    internal BreakoutMember(int participantId, int groupNumber, int stakeholderGroupId, int regionId)
    {
        ParticipantId = participantId;
        GroupNumber = groupNumber;
        StakeholderGroupId = stakeholderGroupId;
        RegionId = regionId;
    }

    public int BreakoutId { get; private set; }

    public int ParticipantId { get; private set; }

    public int GroupNumber { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }
}

/// <summary>A table number a participant declared for a session, for splitting the room by table.</summary>
public sealed class TableDeclaration
{
    public const int MaxTable = 999;

    public TableDeclaration(int sessionId, int participantId, int table)
    {
        SessionId = sessionId;
        ParticipantId = participantId;
        Table = table;
    }

    public int SessionId { get; private set; }

    public int ParticipantId { get; private set; }

    public int Table { get; set; }

    public static Error? Check(int? table) =>
        table is >= 1 and <= MaxTable ? null : Error.Invalid("table", $"The table number must be between 1 and {MaxTable}.");
}
