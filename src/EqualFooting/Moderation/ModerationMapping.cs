using EqualFooting.Consultations;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Moderation;

internal sealed class ContentReportMapping : IEntityTypeConfiguration<ContentReport>
{
    public void Configure(EntityTypeBuilder<ContentReport> b)
    {
        b.Property(r => r.Reason).HasMaxLength(ContentReport.ReasonMax);

        // One report per account and comment, whatever the timing of a double click.
        b.HasIndex(r => new { r.CommentId, r.ReporterAccountId }).IsUnique();

        // The moderators' queue: open reports of a process.
        b.HasIndex(r => new { r.ProcessId, r.SettledAt });
        b.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Process>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(r => r.ReporterAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommentHidingMapping : IEntityTypeConfiguration<CommentHiding>
{
    public void Configure(EntityTypeBuilder<CommentHiding> b)
    {
        b.HasKey(h => h.CommentId);
        b.Property(h => h.Reason).HasMaxLength(CommentHiding.ReasonMax);
        b.HasIndex(h => h.ProcessId);
        b.HasOne<Comment>().WithOne().HasForeignKey<CommentHiding>(h => h.CommentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Process>().WithMany().HasForeignKey(h => h.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(h => h.ByAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
