using EqualFooting.Common;

namespace EqualFooting.Consultations;

/// <summary>
/// An open consultation on a draft within a process: when it takes comments, and the versions of the draft. The
/// window can be extended or closed early, always with a reason, because a moved deadline changes who could take part.
/// </summary>
public sealed class Consultation
{
    public const int ReasonMax = 2_000;

    private Consultation()
    {
        Title = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public DateTimeOffset OpensAt { get; private set; }

    /// <summary>The current deadline: moved by an extension or an early close.</summary>
    public DateTimeOffset ClosesAt { get; private set; }

    /// <summary>The deadline first announced, so a report can show how the window moved.</summary>
    public DateTimeOffset OriginallyClosesAt { get; private set; }

    public DateTimeOffset? ExtendedAt { get; private set; }

    public string? ExtensionReason { get; private set; }

    public DateTimeOffset? ClosedEarlyAt { get; private set; }

    public string? ClosureReason { get; private set; }

    /// <summary>The latest published version; 0 before the first.</summary>
    public int LatestVersion { get; private set; }

    /// <summary>The next paragraph id to hand out: ids are never reused across versions.</summary>
    public int NextParagraphId { get; private set; } = 1;

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsOpen(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;

    public static Result<Consultation> Create(int processId, string? title, DateTimeOffset? opensAt, DateTimeOffset? closesAt, DateTimeOffset now)
    {
        var clean = Text.Required("title", title, Text.NameMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        var opens = (opensAt ?? now).ToUniversalTime();
        if (closesAt is not { } closesValue)
        {
            return Error.Invalid("closesAt", "ClosesAt is required.");
        }

        var closes = closesValue.ToUniversalTime();
        if (closes <= opens)
        {
            return Error.Invalid("closesAt", "The consultation must close after it opens.");
        }

        if (closes <= now)
        {
            return Error.Invalid("closesAt", "The closing time must be in the future.");
        }

        return new Consultation
        {
            ProcessId = processId,
            Title = clean.Value,
            OpensAt = opens,
            ClosesAt = closes,
            OriginallyClosesAt = closes,
            CreatedAt = now,
        };
    }

    /// <summary>Moves the deadline later, reopening a consultation that had run out; never earlier (that is <see cref="Close"/>).</summary>
    public Error? Extend(DateTimeOffset? closesAt, string? reason, DateTimeOffset now)
    {
        if (closesAt is not { } value)
        {
            return Error.Invalid("closesAt", "ClosesAt is required.");
        }

        var closes = value.ToUniversalTime();
        if (closes <= ClosesAt || closes <= now)
        {
            return Error.Invalid("closesAt", "An extension must close later than the current deadline and later than now.");
        }

        var clean = Text.Required("reason", reason, ReasonMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        ClosesAt = closes;
        ExtendedAt = now;
        ExtensionReason = clean.Value;
        ClosedEarlyAt = null;
        ClosureReason = null;
        return null;
    }

    /// <summary>Stops taking comments now.</summary>
    public Error? Close(string? reason, DateTimeOffset now)
    {
        if (now >= ClosesAt)
        {
            return Error.Conflict("This consultation is already closed.");
        }

        var clean = Text.Required("reason", reason, ReasonMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        ClosesAt = now;
        ClosedEarlyAt = now;
        ClosureReason = clean.Value;
        return null;
    }

    /// <summary>
    /// The next version of the draft, its paragraph ids carried over from <paramref name="previous"/> (null for the
    /// first). Comments stay on the version they were written on.
    /// </summary>
    public Result<DraftVersion> Publish(string? markdown, DraftVersion? previous, DateTimeOffset now)
    {
        var clean = Text.Required("markdown", markdown, DraftVersion.SourceMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        IReadOnlyList<DraftParagraph> paragraphs;
        int next;
        if (previous is null)
        {
            paragraphs = DraftParagraphs.Number(clean.Value, NextParagraphId);
            next = NextParagraphId + paragraphs.Count;
        }
        else
        {
            var revision = DraftParagraphs.Revise(previous.Paragraphs, clean.Value, NextParagraphId);
            paragraphs = revision.Paragraphs;
            next = revision.NextId;
        }

        if (paragraphs.Count == 0)
        {
            return Error.Invalid("markdown", "The draft has no paragraphs.");
        }

        if (previous is not null && previous.Source == clean.Value)
        {
            return Error.Conflict("This text is the same as the latest version.", "markdown");
        }

        LatestVersion++;
        NextParagraphId = next;
        return new DraftVersion(this, LatestVersion, clean.Value, now, paragraphs);
    }
}

/// <summary>One published version of a consultation's draft: its Markdown source and the paragraphs people comment on.</summary>
public sealed class DraftVersion
{
    public const int SourceMax = 500_000;

    private readonly List<DraftParagraph> _paragraphs = [];
    private bool _inOrder;

    private DraftVersion()
    {
        Source = "";
    }

    internal DraftVersion(Consultation consultation, int number, string source, DateTimeOffset publishedAt, IEnumerable<DraftParagraph> paragraphs)
    {
        // Through the navigation, so a consultation and its first version can be saved together before either has an id.
        Consultation = consultation;
        ConsultationId = consultation.Id;
        Number = number;
        Source = source;
        PublishedAt = publishedAt;
        _paragraphs.AddRange(paragraphs);
    }

    public int Id { get; private set; }

    public int ConsultationId { get; private set; }

    public int Number { get; private set; }

    public string Source { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>In reading order, whatever order the database returned them in.</summary>
    public IReadOnlyList<DraftParagraph> Paragraphs
    {
        get
        {
            if (!_inOrder)
            {
                _paragraphs.Sort((a, b) => a.Number.CompareTo(b.Number));
                _inOrder = true;
            }

            return _paragraphs;
        }
    }

    private Consultation? Consultation { get; set; }
}
