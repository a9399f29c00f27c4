using EqualFooting.Common;

namespace EqualFooting.Decisions;

public enum StatementStatus
{
    /// <summary>Its draft is out for comment (a consultation); no version is yet put to the members.</summary>
    Drafting,

    /// <summary>A version is put to the members: a proposal under a chosen rule, with a window for positions.</summary>
    Ratifying,

    Ratified,

    /// <summary>The last vote rejected it: a new version may be put to the members again.</summary>
    NotRatified,

    Sent,
}

/// <summary>
/// A statement drafted the At-Large way: its text goes out for comment as a consultation (whose versions and
/// dispositions it reuses), members ratify one version by a vote under a chosen rule within a window, and the ratified
/// statement is marked as sent to its recipient. Each vote is a <see cref="Proposal"/>, so every decision rule, the
/// rule comparison, minority views and appeals apply to it unchanged.
/// </summary>
public sealed class DecisionStatement
{
    public const int TitleMax = Text.NameMax;
    public const int RecipientMax = 300;
    public const int ChannelMax = 1_000;
    public const int MaxWindowDays = 60;

    private DecisionStatement()
    {
        Title = "";
        Recipient = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public int ConsultationId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The body it is addressed to (the ICANN Board, a GNSO working group, a ministry).</summary>
    public string Recipient { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>How it was sent (to whom, by which channel), as the sender records it.</summary>
    public string? SentVia { get; private set; }

    /// <summary>Claimed by putting to ratification and by sending: of two at once, one wins.</summary>
    public long Version { get; private set; }

    public static Result<DecisionStatement> Create(int processId, int consultationId, string? title, string? recipient, DateTimeOffset now)
    {
        var t = Text.Required("title", title, TitleMax);
        if (t.Error is { } e1)
        {
            return e1;
        }

        var r = Text.Required("recipient", recipient, RecipientMax);
        if (r.Error is { } e2)
        {
            return e2;
        }

        return new DecisionStatement { ProcessId = processId, ConsultationId = consultationId, Title = t.Value, Recipient = r.Value, CreatedAt = now };
    }

    /// <summary>The status given the latest ratification vote, if any (<paramref name="latest"/>).</summary>
    public StatementStatus StatusGiven(Proposal? latest) =>
        SentAt is not null ? StatementStatus.Sent
        : latest is null ? StatementStatus.Drafting
        : latest.Status == ProposalStatus.Open ? StatementStatus.Ratifying
        : latest.Outcome == Outcome.Adopted ? StatementStatus.Ratified
        : StatementStatus.NotRatified;

    /// <summary>
    /// Checks that the consultation's latest version may be put to the members: not sent, no vote under way and not
    /// already ratified. Comments are folded into a new version first; the latest is always the one voted on.
    /// </summary>
    public Error? MayPutToRatification(Proposal? latest, int latestVersion, int windowDays) =>
        StatusGiven(latest) switch
        {
            StatementStatus.Sent => Error.Conflict("This statement has been sent."),
            StatementStatus.Ratifying => Error.Conflict("A version of this statement is already before the members."),
            StatementStatus.Ratified => Error.Conflict("This statement is ratified; it can be sent."),
            _ => windowDays is < 1 or > MaxWindowDays ? Error.Invalid("windowDays", $"The ratification window is 1 to {MaxWindowDays} days.")
                : latestVersion < 1 ? Error.Conflict("The consultation has no published version to ratify.")
                : null,
        };

    /// <summary>Marks the statement as sent; only a ratified statement goes out, and only once.</summary>
    public Error? Send(Proposal? latest, string? via, DateTimeOffset now)
    {
        var status = StatusGiven(latest);
        if (status == StatementStatus.Sent)
        {
            return Error.Conflict("This statement has already been sent.");
        }

        if (status != StatementStatus.Ratified)
        {
            return Error.Conflict("Only a ratified statement can be sent.");
        }

        var v = Text.Required("via", via, ChannelMax);
        if (v.Error is { } bad)
        {
            return bad;
        }

        SentAt = now;
        SentVia = v.Value;
        return null;
    }
}

/// <summary>One vote to ratify one version of a statement: the proposal that decides it.</summary>
public sealed class StatementRatification
{
    private StatementRatification()
    {
        Proposal = null!;
    }

    public int Id { get; private set; }

    public int StatementId { get; private set; }

    public int ProposalId { get; private set; }

    /// <summary>Set when created with its new proposal, so both are saved together and the key is filled in.</summary>
    public Proposal Proposal { get; private set; }

    /// <summary>The consultation's version put to the members.</summary>
    public int VersionNumber { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static StatementRatification Of(DecisionStatement statement, Proposal proposal, int versionNumber, DateTimeOffset now) =>
        new() { StatementId = statement.Id, Proposal = proposal, VersionNumber = versionNumber, At = now };
}
