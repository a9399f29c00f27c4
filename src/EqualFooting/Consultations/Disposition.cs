using EqualFooting.Common;

namespace EqualFooting.Consultations;

/// <summary>What the committee did with a comment when preparing the next version of the draft.</summary>
public enum Disposition
{
    Accepted,
    PartlyAccepted,

    /// <summary>Read and acknowledged, with no change to the text (a remark, a question, a point of support).</summary>
    Noted,
    NotAccepted,
    OutOfScope,
}

/// <summary>
/// One decision on a comment. A comment keeps every decision it was given, so a disposition revised after an appeal
/// still shows what was decided first and why.
/// </summary>
public sealed record CommentDisposition(Disposition Disposition, string Reason, string DecidedBy, DateTimeOffset DecidedAt)
{
    public const int ReasonMax = 2_000;

    public bool TakenIntoAccount => Disposition is Disposition.Accepted or Disposition.PartlyAccepted;

    /// <summary>A disposition without a reason tells the commenter nothing; "the test of a real process" is that inputs are answered.</summary>
    public static Result<CommentDisposition> Create(Disposition disposition, string? reason, string decidedBy, DateTimeOffset now)
    {
        if (!Enum.IsDefined(disposition))
        {
            return Error.Invalid("disposition", "Choose a disposition.");
        }

        var clean = Text.Required("reason", reason, ReasonMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        return new CommentDisposition(disposition, clean.Value, decidedBy, now);
    }
}
