using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Consultations;

/// <summary>Columns for campaigns that are not properties of a domain type.</summary>
public static class CampaignColumns
{
    /// <summary>
    /// On <c>Consultations</c>: how many campaign writes (detections, campaign dispositions) the consultation has had.
    /// Each such write increments it first in its transaction, which takes the row's write lock, so concurrent runs on
    /// several nodes queue one behind the other instead of interleaving.
    /// </summary>
    public const string Runs = "CampaignRuns";
}

internal sealed class CampaignMapping : IEntityTypeConfiguration<CommentCampaign>
{
    public void Configure(EntityTypeBuilder<CommentCampaign> b)
    {
        b.ToTable("Campaigns");
        b.HasOne<Consultation>().WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Comment>().WithMany().HasForeignKey(c => c.CanonicalCommentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.ConsultationId, c.MemberCount });
    }
}
