using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Notifications;

internal sealed class NotificationMapping : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(n => n.Reason).HasMaxLength(Notification.ReasonMax);
        b.Property(n => n.Detail).HasMaxLength(Notification.DetailMax);

        // The inbox: an account's notices, newest first.
        b.HasIndex(n => new { n.AccountId, n.Id });

        // A sweep's notice goes out once per (kind, item, account), also when several nodes sweep at once. The
        // filter names the swept kinds in SQL both providers read alike.
        b.HasIndex(n => new { n.AccountId, n.Kind, n.ItemId })
            .IsUnique()
            .HasDatabaseName("IX_Notifications_Swept")
            .HasFilter("\"Kind\" IN (" + string.Join(", ", Notification.Swept.Select(k => $"'{k}'")) + ")");

        // A campaign disposition's notices go out once per member comment, however many times or on however many
        // nodes its fan-out is expanded; the item is the fan-out row.
        b.HasIndex(n => new { n.ItemId, n.CommentId })
            .IsUnique()
            .HasDatabaseName("IX_Notifications_Fanout")
            .HasFilter($"\"Kind\" = '{NoticeKind.CampaignDisposed}'");
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NoticeFanoutMapping : IEntityTypeConfiguration<NoticeFanout>
{
    public void Configure(EntityTypeBuilder<NoticeFanout> b)
    {
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(f => f.Detail).HasMaxLength(Notification.DetailMax);
        b.Property(f => f.Reason).HasMaxLength(Notification.ReasonMax);
        b.Property(f => f.DecidedBy).HasMaxLength(450);

        // The worker reads the pending rows, oldest first.
        b.HasIndex(f => new { f.DoneAt, f.Id });
    }
}

internal sealed class FollowMapping : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> b)
    {
        b.Property(f => f.Subject).HasConversion<string>().HasMaxLength(16);

        // Following twice (a double click) is one follow.
        b.HasIndex(f => new { f.AccountId, f.Subject, f.SubjectId }).IsUnique();

        // The sweep asks who follows a consultation or its process.
        b.HasIndex(f => new { f.Subject, f.SubjectId });
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeDigestMapping : IEntityTypeConfiguration<NoticeDigest>
{
    public void Configure(EntityTypeBuilder<NoticeDigest> b)
    {
        // One digest per account and day, whichever node sweeps.
        b.HasIndex(d => new { d.AccountId, d.Day }).IsUnique();
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
