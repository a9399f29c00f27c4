using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Sessions;

internal sealed class SessionMapping : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.Property(s => s.Title).HasMaxLength(Common.Text.NameMax);
        b.Property(s => s.Room).HasMaxLength(Common.Text.ShortMax);
        b.Property(s => s.ConferenceUrl).HasMaxLength(Session.ConferenceUrlMax);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.PolicyKind).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.PolicySettings).HasMaxLength(Common.Text.DescriptionMax);

        // Every change bumps Version, and EF updates the row only where Version is still what was loaded: of two
        // moderators acting on the same state, one save matches and the other affects no row and fails.
        b.Property(s => s.Version).IsConcurrencyToken();

        b.HasOne<Process>().WithMany().HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ProcessId, s.StartsAt });

        b.HasMany(s => s.Agenda).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Agenda).HasField("_agenda");
        b.HasMany<WaitingHandRow>("_waiting").WithOne().HasForeignKey(w => w.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.InterventionRows).WithOne().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.InterventionRows).HasField("_interventions");
        b.HasMany<FloorOverrideRow>("_overrides").WithOne().HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<QueueEventRow>("_events").WithOne().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgendaItemMapping : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.Property(a => a.Title).HasMaxLength(Common.Text.NameMax);
        b.HasIndex(a => new { a.SessionId, a.Position }).IsUnique();
    }
}

internal sealed class WaitingHandRowMapping : IEntityTypeConfiguration<WaitingHandRow>
{
    public void Configure(EntityTypeBuilder<WaitingHandRow> b)
    {
        b.ToTable("WaitingHands");
        b.HasKey(w => new { w.SessionId, w.EntryId });
        b.Property(w => w.EntryId).ValueGeneratedNever();
        b.Property(w => w.SpeakerKind).HasConversion<string>().HasMaxLength(16);
        b.Property(w => w.SpeakerName).HasMaxLength(Common.Text.ShortMax);
        b.Property(w => w.Gender).HasMaxLength(Common.Text.ShortMax);
        b.Property(w => w.Kind).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class InterventionRowMapping : IEntityTypeConfiguration<InterventionRow>
{
    public void Configure(EntityTypeBuilder<InterventionRow> b)
    {
        b.ToTable("Interventions");
        b.HasKey(i => new { i.SessionId, i.Number });
        b.Property(i => i.Number).ValueGeneratedNever();
        b.Property(i => i.SpeakerKind).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.SpeakerName).HasMaxLength(Common.Text.ShortMax);
        b.Property(i => i.Gender).HasMaxLength(Common.Text.ShortMax);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);

        // Statistics across sessions group interventions by who spoke and for which group.
        b.HasIndex(i => new { i.SpeakerKind, i.SpeakerId });
        b.HasIndex(i => new { i.SessionId, i.StakeholderGroupId });
    }
}

internal sealed class FloorOverrideRowMapping : IEntityTypeConfiguration<FloorOverrideRow>
{
    public void Configure(EntityTypeBuilder<FloorOverrideRow> b)
    {
        b.ToTable("FloorOverrides");
        b.HasKey(o => new { o.SessionId, o.InterventionNumber });
        b.Property(o => o.InterventionNumber).ValueGeneratedNever();
        b.Property(o => o.SuggestedKind).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.SuggestedName).HasMaxLength(Common.Text.ShortMax);
        b.Property(o => o.GivenKind).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.GivenName).HasMaxLength(Common.Text.ShortMax);
        b.Property(o => o.Reason).HasMaxLength(SpeakingQueue.ReasonMax);
    }
}

internal sealed class QueueEventRowMapping : IEntityTypeConfiguration<QueueEventRow>
{
    public void Configure(EntityTypeBuilder<QueueEventRow> b)
    {
        b.ToTable("QueueEvents");
        b.HasKey(e => new { e.SessionId, e.Sequence });
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.SpeakerKind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.SpeakerName).HasMaxLength(Common.Text.ShortMax);
        b.Property(e => e.Reason).HasMaxLength(SpeakingQueue.ReasonMax);
    }
}
