using EqualFooting.Common;

namespace EqualFooting.Conversations;

/// <summary>When moderators see a participant's statement: before anyone else does, or after it is already shown.</summary>
public enum StatementModeration
{
    /// <summary>Statements wait as pending until a moderator approves them.</summary>
    Before,

    /// <summary>Statements are shown at once; moderators may reject them afterwards.</summary>
    After,
}

public enum StatementStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A conversation in a process: short statements that participants vote on (agree, disagree, pass) and add to, from
/// whose votes the opinion map is computed. Authorisation is <see cref="ConversationPolicy"/>.
/// </summary>
public sealed class Conversation
{
    private Conversation()
    {
        Title = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public StatementModeration Moderation { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Null while the conversation takes statements and votes.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => ClosedAt is null;

    /// <summary>
    /// For a conversation imported from another tool: the source and a hash of the files it came from
    /// (<c>polis:…</c>), unique in its process, so the same export is not imported twice. Null otherwise.
    /// </summary>
    public string? ImportKey { get; private set; }

    public const int ImportKeyMax = 80;

    /// <summary>
    /// A conversation whose statements and votes were taken in another tool. It starts closed: its votes were cast
    /// there, under no declared stakeholder group, and new votes here would mix two populations in one map.
    /// </summary>
    public static Result<Conversation> Import(int processId, string? title, string importKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(importKey.Length, ImportKeyMax);
        var started = Start(processId, title, StatementModeration.Before, now);
        if (started.Error is { } error)
        {
            return error;
        }

        var conversation = started.Value;
        conversation.ImportKey = importKey;
        conversation.ClosedAt = now;
        return conversation;
    }

    /// <summary>
    /// A statement taken from another tool, shown (approved there), with its id there kept for reference. Its text may
    /// be longer than <see cref="Statement.TextMax"/> (Pol.is allowed up to 500 characters in some conversations) but
    /// not longer than <see cref="Statement.ImportedTextMax"/>.
    /// </summary>
    public Result<Statement> ImportStatement(int? authorParticipantId, int externalId, string? text, DateTimeOffset now)
    {
        var clean = Text.Required("text", text, Statement.ImportedTextMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        return new Statement(Id, authorParticipantId, clean.Value, StatementStatus.Approved, now) { ExternalId = externalId };
    }

    public static Result<Conversation> Start(int processId, string? title, StatementModeration moderation, DateTimeOffset now)
    {
        var clean = Text.Required("title", title, Text.NameMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        return new Conversation { ProcessId = processId, Title = clean.Value, Moderation = moderation, CreatedAt = now };
    }

    public Error? Close(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return Error.Conflict("This conversation is already closed.");
        }

        ClosedAt = now;
        return null;
    }

    /// <summary>A participant's statement: shown at once or pending, as the conversation's moderation setting says.</summary>
    public Result<Statement> Submit(int? authorParticipantId, string? text, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return Error.Conflict("This conversation is closed and no longer takes statements.");
        }

        var clean = Text.Required("text", text, Statement.TextMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        return new Statement(Id, authorParticipantId, clean.Value, Moderation == StatementModeration.After ? StatementStatus.Approved : StatementStatus.Pending, now);
    }
}

/// <summary>A short statement in a conversation, written by a participant (or imported), moderated before or after it is shown.</summary>
public sealed class Statement
{
    /// <summary>Short enough to read and vote on in a few seconds, as in Pol.is.</summary>
    public const int TextMax = 280;

    /// <summary>The most an imported statement may hold: Pol.is exports have statements of up to 500 characters.</summary>
    public const int ImportedTextMax = 1000;

    private Statement()
    {
        Text = "";
    }

    internal Statement(int conversationId, int? authorParticipantId, string text, StatementStatus status, DateTimeOffset now)
    {
        ConversationId = conversationId;
        AuthorParticipantId = authorParticipantId;
        Text = text;
        Status = status;
        CreatedAt = now;
    }

    public int Id { get; private set; }

    public int ConversationId { get; private set; }

    /// <summary>Null for a statement imported from another tool.</summary>
    public int? AuthorParticipantId { get; private set; }

    /// <summary>The statement's id in the tool it was imported from (Pol.is's comment-id); null for statements written here.</summary>
    public int? ExternalId { get; internal init; }

    public string Text { get; private set; }

    public StatementStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ModeratedAt { get; private set; }

    /// <summary>Approves or rejects; false when the statement already had that status (nothing changed).</summary>
    public bool Moderate(StatementStatus status, DateTimeOffset now)
    {
        if (Status == status)
        {
            return false;
        }

        Status = status;
        ModeratedAt = now;
        return true;
    }
}

/// <summary>One participant's current vote on one statement; a later vote replaces it (unique per participant and statement).</summary>
public sealed class StatementVote
{
    private StatementVote()
    {
    }

    public StatementVote(int conversationId, int statementId, int participantId, VoteChoice choice, DateTimeOffset now)
    {
        ConversationId = conversationId;
        StatementId = statementId;
        ParticipantId = participantId;
        Choice = choice;
        CastAt = now;
    }

    public long Id { get; private set; }

    public int ConversationId { get; private set; }

    public int StatementId { get; private set; }

    public int ParticipantId { get; private set; }

    public VoteChoice Choice { get; private set; }

    public DateTimeOffset CastAt { get; private set; }

    /// <summary>Changes the vote; false when it already was <paramref name="choice"/>.</summary>
    public bool Change(VoteChoice choice, DateTimeOffset now)
    {
        if (Choice == choice)
        {
            return false;
        }

        Choice = choice;
        CastAt = now;
        return true;
    }
}

public static class VoteChoices
{
    /// <summary>Reads "agree", "disagree" or "pass" (any case); anything else is a 400 naming <paramref name="field"/>.</summary>
    public static Result<VoteChoice> Parse(string? value, string field = "choice") =>
        value?.Trim().ToUpperInvariant() switch
        {
            "AGREE" => VoteChoice.Agree,
            "DISAGREE" => VoteChoice.Disagree,
            "PASS" => VoteChoice.Pass,
            _ => Error.Invalid(field, "A vote is agree, disagree or pass."),
        };

    public static string Name(VoteChoice choice) => choice switch
    {
        VoteChoice.Agree => "agree",
        VoteChoice.Disagree => "disagree",
        _ => "pass",
    };
}
