using EqualFooting.Record;
using Payload = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace EqualFooting.Web.Consultations;

/// <summary>The record entries of open consultations: the consultation, its versions, comments and dispositions, and campaigns. Payloads name people by id only.</summary>
public static class ConsultationRecord
{
    public static readonly RecordAction<Payload> ConsultationCreated = new("consultation.created", "opened a consultation");

    public static readonly RecordAction<Payload> ConsultationExtended = new("consultation.extended", "extended a consultation");

    public static readonly RecordAction<Payload> ConsultationClosed = new("consultation.closed", "closed a consultation");

    public static readonly RecordAction<Payload> ConsultationVersionPublished = new("consultation.version-published", "published a new version of a draft");

    public static readonly RecordAction<Payload> CommentSubmitted = new("comment.submitted", "commented on a draft");

    public static readonly RecordAction<Payload> CommentBatchSubmitted = new("comment.batch-submitted", "sent a batch of comments");

    public static readonly RecordAction<Payload> CommentReplied = new("comment.replied", "replied to a comment");

    public static readonly RecordAction<Payload> CommentEdited = new("comment.edited", "edited a comment");

    public static readonly RecordAction<Payload> CommentWithdrawn = new("comment.withdrawn", "withdrew a comment");

    public static readonly RecordAction<Payload> CommentDisposed = new("comment.disposed", "disposed of a comment");

    public static readonly RecordAction<Payload> CampaignsDetected = new("campaigns.detected", "looked for comment campaigns");

    public static readonly RecordAction<Payload> CampaignDisposed = new("campaign.disposed", "disposed of a comment campaign");

    public static IEnumerable<RecordAction> All =>
    [
        ConsultationCreated,
        ConsultationExtended,
        ConsultationClosed,
        ConsultationVersionPublished,
        CommentSubmitted,
        CommentBatchSubmitted,
        CommentReplied,
        CommentEdited,
        CommentWithdrawn,
        CommentDisposed,
        CampaignsDetected,
        CampaignDisposed,
    ];
}
