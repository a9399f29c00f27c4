using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Consultations;

internal sealed class ConsultationMapping : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(c => c.Title).HasMaxLength(Common.Text.NameMax);
        b.Property(c => c.ExtensionReason).HasMaxLength(Consultation.ReasonMax);
        b.Property(c => c.ClosureReason).HasMaxLength(Consultation.ReasonMax);
        b.HasOne<Process>().WithMany().HasForeignKey(c => c.ProcessId).OnDelete(DeleteBehavior.Restrict);

        // Optimistic concurrency: two conveners publishing at once would otherwise both take the same version number.
        b.Property(c => c.LatestVersion).IsConcurrencyToken();

        // Campaign detection and campaign dispositions claim this row first, so two nodes never interleave them.
        b.Property<int>(CampaignColumns.Runs);
    }
}

internal sealed class DraftVersionMapping : IEntityTypeConfiguration<DraftVersion>
{
    public void Configure(EntityTypeBuilder<DraftVersion> b)
    {
        b.Property(v => v.Source).HasMaxLength(DraftVersion.SourceMax);
        b.HasOne<Consultation>("Consultation").WithMany().HasForeignKey(v => v.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.ConsultationId, v.Number }).IsUnique();
        b.OwnsMany(v => v.Paragraphs, p =>
        {
            p.ToTable("DraftParagraphs");
            p.WithOwner().HasForeignKey("DraftVersionId");

            // The paragraph id is stable across versions, so it identifies a paragraph only together with its version.
            p.HasKey("DraftVersionId", nameof(DraftParagraph.Id));
            p.Property(x => x.Id).ValueGeneratedNever();
        });
        b.Navigation(v => v.Paragraphs).HasField("_paragraphs").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>Columns of the comments table that are not properties of <see cref="Comment"/>.</summary>
public static class CommentColumns
{
    /// <summary>
    /// The current disposition, copied from the last entry of the history whenever it changes, so the committee's
    /// "not yet disposed" list and the filters are an index lookup rather than a scan of every history.
    /// </summary>
    public const string CurrentDisposition = "Disposition";
}

internal sealed class CommentMapping : IEntityTypeConfiguration<Comment>
{
    private const string CurrentDisposition = CommentColumns.CurrentDisposition;

    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.Property(c => c.Text).HasMaxLength(Comment.TextMax);
        b.Property(c => c.IdempotencyKey).HasMaxLength(Comment.IdempotencyKeyMax);
        b.Property(c => c.AuthorName).HasMaxLength(Common.Text.NameMax);
        b.Property(c => c.AuthorCountry).HasMaxLength(Comment.CountryMax);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property<Disposition?>(CurrentDisposition).HasConversion<string>().HasMaxLength(16);

        // Comments are the fastest-written table (bulk intake) and every query on them starts from the consultation;
        // author, affiliation, group and region are never deleted, so their foreign keys need no index of their own.
        UnindexedForeignKeys.Unindexed(b.Property(c => c.AuthorParticipantId));
        UnindexedForeignKeys.Unindexed(b.Property(c => c.AffiliationId));
        UnindexedForeignKeys.Unindexed(b.Property(c => c.StakeholderGroupId));
        UnindexedForeignKeys.Unindexed(b.Property(c => c.RegionId));
        b.HasOne<Consultation>().WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DraftVersion>().WithMany()
            .HasForeignKey(c => new { c.ConsultationId, c.VersionNumber })
            .HasPrincipalKey(v => new { v.ConsultationId, v.Number })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(c => c.AuthorParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Affiliation>().WithMany().HasForeignKey(c => c.AffiliationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(c => c.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);

        // A participant is one account in one process, so this is "one comment per key, per account and consultation":
        // a resent batch finds its comments instead of posting them twice, whatever the timing.
        b.HasIndex(c => new { c.ConsultationId, c.AuthorParticipantId, c.IdempotencyKey }).IsUnique();
        b.HasIndex(nameof(Comment.ConsultationId), CurrentDisposition);
        b.HasOne<CommentCampaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => c.CampaignId);

        // The draft page lists a version's comments (not replies) in order, fifty at a time: with this index a page,
        // even a deep one, is a walk along the index rather than a sort of every comment of the consultation. The
        // columns after the id do not change the order; they let the counts beside the paragraphs and the paragraph,
        // group and region filters read the index alone. It replaces an index led by the paragraph: new comments
        // land at its end, where that one took them at as many places as the draft has paragraphs, so every
        // transaction of bulk intake rewrote a page per paragraph (ADR 007).
        b.HasIndex(c => new { c.ConsultationId, c.VersionNumber, c.ParentId, c.Id, c.ParagraphId, c.StakeholderGroupId, c.RegionId, c.WithdrawnAt })
            .HasDatabaseName("IX_Comments_Listing");

        b.Ignore(c => c.CurrentDisposition);
        b.OwnsMany(c => c.Edits, e =>
        {
            e.ToTable("CommentEdits");
            e.WithOwner().HasForeignKey("CommentId");
            e.Property<long>("Id");
            e.HasKey("Id");
            e.Property(x => x.Text).HasMaxLength(Comment.TextMax);
        });
        b.Navigation(c => c.Edits).HasField("_edits").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.OwnsMany(c => c.Dispositions, d =>
        {
            d.ToTable("CommentDispositions");
            d.WithOwner().HasForeignKey("CommentId");
            d.Property<long>("Id");
            d.HasKey("Id");
            d.Property(x => x.Disposition).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.Reason).HasMaxLength(CommentDisposition.ReasonMax);
            d.Property(x => x.DecidedBy).HasMaxLength(450);
        });
        b.Navigation(c => c.Dispositions).HasField("_dispositions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
