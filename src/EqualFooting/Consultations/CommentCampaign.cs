namespace EqualFooting.Consultations;

/// <summary>
/// A stored campaign: comments of one consultation that <see cref="CampaignDetector"/> found to be copies of one form
/// letter. Which comments belong is the <see cref="Comment.CampaignId"/> of each; this row keeps what was decided at
/// the last detection, so links to a campaign and the committee's answer to it survive later runs
/// (<see cref="CampaignIdentity"/> decides when a run's group is still the same campaign).
/// </summary>
public sealed class CommentCampaign
{
    /// <summary>A campaign is a text sent at least twice; below that it is a comment.</summary>
    public const int MinimumMembers = 2;

    private CommentCampaign()
    {
    }

    public long Id { get; private set; }

    public int ConsultationId { get; private set; }

    /// <summary>The member whose text stands for the campaign: the most repeated exact text, or the member most like the others.</summary>
    public long CanonicalCommentId { get; private set; }

    /// <summary>Members at the last detection; withdrawals since then are not subtracted until the next run.</summary>
    public int MemberCount { get; private set; }

    /// <summary>Members whose text was exactly the canonical text (after folding case and white space).</summary>
    public int ExactCopies { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }

    /// <summary>The similarity threshold of the run that last shaped it.</summary>
    public double Threshold { get; private set; }

    public static CommentCampaign Create(int consultationId, Campaign detected, double threshold, DateTimeOffset now)
    {
        var campaign = new CommentCampaign { ConsultationId = consultationId };
        campaign.Update(detected, threshold, now);
        return campaign;
    }

    public void Update(Campaign detected, double threshold, DateTimeOffset now)
    {
        if (detected.Count < MinimumMembers)
        {
            throw new ArgumentException($"A campaign has at least {MinimumMembers} members.", nameof(detected));
        }

        CanonicalCommentId = detected.CanonicalId;
        MemberCount = detected.Count;
        ExactCopies = detected.ExactCopies;
        DetectedAt = now;
        Threshold = threshold;
    }
}
