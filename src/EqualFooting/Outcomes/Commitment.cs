using System.Text.Json;
using EqualFooting.Common;

namespace EqualFooting.Outcomes;

public enum CommitmentStatus
{
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// <param name="RegionId">Where a rollout goes region by region, the region this step covers.</param>
/// <param name="OwnerAccountId">Optionally, the participant of the process who answers for this step (an account id).</param>
public sealed record MilestoneInput(string? Title, DateOnly? DueOn, int? RegionId, string? OwnerAccountId = null);

/// <summary>
/// Who does what by when: a lead stakeholder group or named organisation (the "multi-institutional" model), the
/// signatories and owners, a due date, milestones (per region where the rollout goes region by region), a status and
/// evidence links. No milestone falls after the due date.
/// </summary>
public sealed class Commitment
{
    public const int TitleMax = Text.NameMax;
    public const int DescriptionMax = Text.DescriptionMax;
    public const int NamesMax = 1_000;
    public const int MaxMilestones = 50;
    public const int MaxEvidence = 20;
    public const int UrlMax = 2_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<Milestone> _milestones = [];

    private Commitment()
    {
        Title = "";
        EvidenceJson = "[]";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public int? LeadStakeholderGroupId { get; private set; }

    public string? LeadOrganisation { get; private set; }

    public string? Signatories { get; private set; }

    public string? Owners { get; private set; }

    /// <summary>Optionally, the participant (an account id) who answers for the commitment and is told of its overdue milestones.</summary>
    public string? OwnerAccountId { get; private set; }

    public DateOnly DueOn { get; private set; }

    public CommitmentStatus Status { get; private set; }

    public string EvidenceJson { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<Milestone> Milestones => _milestones;

    public IReadOnlyList<string> Evidence => JsonSerializer.Deserialize<List<string>>(EvidenceJson, Json) ?? [];

    public static Result<Commitment> Create(
        int processId,
        string? title,
        string? description,
        int? leadGroupId,
        string? leadOrganisation,
        string? signatories,
        string? owners,
        DateOnly? dueOn,
        IReadOnlyList<MilestoneInput> milestones,
        IReadOnlyList<string> evidence,
        IReadOnlySet<int> groups,
        IReadOnlySet<int> regions,
        DateTimeOffset now,
        string? ownerAccountId = null,
        IReadOnlySet<string>? participants = null)
    {
        var t = Text.Required("title", title, TitleMax);
        if (t.Error is { } e)
        {
            return e;
        }

        var d = Text.Optional("description", description, DescriptionMax);
        var org = Text.Optional("leadOrganisation", leadOrganisation, TitleMax);
        var sig = Text.Optional("signatories", signatories, NamesMax);
        var own = Text.Optional("owners", owners, NamesMax);
        foreach (var r in new[] { d, org, sig, own })
        {
            if (r.Error is { } bad)
            {
                return bad;
            }
        }

        if (leadGroupId is { } g && !groups.Contains(g))
        {
            return Error.Invalid("leadStakeholderGroupId", "The lead is one of the process's stakeholder groups.");
        }

        if (leadGroupId is null && org.Value is null)
        {
            return Error.Invalid("leadStakeholderGroupId", "Name the lead: a stakeholder group or an organisation.");
        }

        if (Owner("ownerAccountId", ownerAccountId, participants) is { } badOwner)
        {
            return badOwner;
        }

        if (dueOn is not { } due)
        {
            return Error.Invalid("dueOn", "A commitment has a due date.");
        }

        var links = Links(evidence);
        if (links.Error is { } badLink)
        {
            return badLink;
        }

        if (milestones.Count > MaxMilestones)
        {
            return Error.Invalid("milestones", $"At most {MaxMilestones} milestones.");
        }

        var commitment = new Commitment
        {
            ProcessId = processId,
            Title = t.Value,
            Description = d.Value,
            LeadStakeholderGroupId = leadGroupId,
            LeadOrganisation = org.Value,
            Signatories = sig.Value,
            Owners = own.Value,
            OwnerAccountId = string.IsNullOrWhiteSpace(ownerAccountId) ? null : ownerAccountId.Trim(),
            DueOn = due,
            Status = CommitmentStatus.Planned,
            EvidenceJson = JsonSerializer.Serialize(links.Value, Json),
            CreatedAt = now,
        };
        for (var i = 0; i < milestones.Count; i++)
        {
            var added = commitment.AddMilestone(milestones[i], regions, $"milestones[{i}].", participants);
            if (added.Error is { } bad)
            {
                return bad;
            }
        }

        commitment.Version = 0;
        return commitment;
    }

    /// <summary>Adds a milestone; one after the commitment's due date, or owned by someone who is not among <paramref name="participants"/>, is refused (400).</summary>
    public Result<Milestone> AddMilestone(MilestoneInput input, IReadOnlySet<int> regions, string prefix = "", IReadOnlySet<string>? participants = null)
    {
        if (_milestones.Count >= MaxMilestones)
        {
            return Error.Invalid(prefix + "title", $"At most {MaxMilestones} milestones.");
        }

        var t = Text.Required(prefix + "title", input.Title, TitleMax);
        if (t.Error is { } e)
        {
            return e;
        }

        if (input.DueOn is not { } due)
        {
            return Error.Invalid(prefix + "dueOn", "A milestone has a due date.");
        }

        if (due > DueOn)
        {
            return Error.Invalid(prefix + "dueOn", $"A milestone cannot fall after the commitment's due date ({DueOn:yyyy-MM-dd}).");
        }

        if (input.RegionId is { } region && !regions.Contains(region))
        {
            return Error.Invalid(prefix + "regionId", "A milestone's region is one of the process's regions.");
        }

        if (Owner(prefix + "ownerAccountId", input.OwnerAccountId, participants) is { } badOwner)
        {
            return badOwner;
        }

        var milestone = new Milestone(t.Value, due, input.RegionId) { OwnerAccountId = string.IsNullOrWhiteSpace(input.OwnerAccountId) ? null : input.OwnerAccountId.Trim() };
        _milestones.Add(milestone);
        Version++;
        return milestone;
    }

    /// <summary>Marks a milestone reached on a date; false when it already was.</summary>
    public Result<bool> CompleteMilestone(int milestoneId, DateOnly on)
    {
        var milestone = _milestones.FirstOrDefault(m => m.Id == milestoneId);
        if (milestone is null)
        {
            return Error.NotFound("No such milestone.");
        }

        if (milestone.CompletedOn is not null)
        {
            return false;
        }

        milestone.CompletedOn = on;
        Version++;
        return true;
    }

    /// <summary>Changes the status and adds evidence links; false when neither changed.</summary>
    public Result<bool> Update(CommitmentStatus status, IReadOnlyList<string> evidence)
    {
        if (!Enum.IsDefined(status))
        {
            return Error.Invalid("status", "Choose planned, inProgress, done or dropped.");
        }

        var links = Links(evidence);
        if (links.Error is { } bad)
        {
            return bad;
        }

        var merged = Evidence.Concat(links.Value).Distinct(StringComparer.Ordinal).ToList();
        if (merged.Count > MaxEvidence)
        {
            return Error.Invalid("evidence", $"At most {MaxEvidence} evidence links.");
        }

        var json = JsonSerializer.Serialize(merged, Json);
        if (status == Status && json == EvidenceJson)
        {
            return false;
        }

        Status = status;
        EvidenceJson = json;
        Version++;
        return true;
    }

    /// <summary>The milestones not reached by their due date, as of <paramref name="today"/>, earliest first.</summary>
    public IReadOnlyList<Milestone> OverdueMilestones(DateOnly today) =>
        [.. _milestones.Where(m => m.IsOverdue(today)).OrderBy(m => m.DueOn).ThenBy(m => m.Id)];

    // An owner is optional; when named, it is one of the process's participants (by account id).
    private static Error? Owner(string field, string? accountId, IReadOnlySet<string>? participants) =>
        string.IsNullOrWhiteSpace(accountId) || (participants?.Contains(accountId.Trim()) ?? false)
            ? null
            : Error.Invalid(field, "The owner is one of the process's participants.");

    private static Result<List<string>> Links(IReadOnlyList<string> evidence)
    {
        if (evidence.Count > MaxEvidence)
        {
            return Error.Invalid("evidence", $"At most {MaxEvidence} evidence links.");
        }

        var links = new List<string>();
        for (var i = 0; i < evidence.Count; i++)
        {
            var link = evidence[i]?.Trim();
            if (link is null || link.Length > UrlMax || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return Error.Invalid($"evidence[{i}]", "Evidence is a web address (http or https).");
            }

            links.Add(link);
        }

        return links;
    }
}

public sealed class Milestone
{
    internal Milestone(string title, DateOnly dueOn, int? regionId)
    {
        Title = title;
        DueOn = dueOn;
        RegionId = regionId;
    }

    public int Id { get; private set; }

    public int CommitmentId { get; private set; }

    public string Title { get; private set; }

    public DateOnly DueOn { get; private set; }

    public int? RegionId { get; private set; }

    /// <summary>Optionally, the participant (an account id) who answers for this step; else the commitment's owner does.</summary>
    public string? OwnerAccountId { get; internal set; }

    public DateOnly? CompletedOn { get; internal set; }

    /// <summary>Not reached and its due date has passed: due on the 10th, it is overdue from the 11th.</summary>
    public bool IsOverdue(DateOnly today) => CompletedOn is null && DueOn < today;
}
