using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Outcomes;

internal sealed class SessionReportMapping : IEntityTypeConfiguration<SessionReport>
{
    public void Configure(EntityTypeBuilder<SessionReport> b)
    {
        b.Property(r => r.Summary).HasMaxLength(SessionReport.SectionMax);
        b.Property(r => r.MainIssues).HasMaxLength(SessionReport.SectionMax);
        b.Property(r => r.Agreement).HasMaxLength(SessionReport.SectionMax);
        b.Property(r => r.Divergence).HasMaxLength(SessionReport.SectionMax);
        b.Property(r => r.NextSteps).HasMaxLength(SessionReport.SectionMax);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.DraftedByAccountId).HasMaxLength(450);
        b.Property(r => r.PublishedByAccountId).HasMaxLength(450);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Perspectives);
        b.HasOne<Process>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Restrict);

        // One report per session, whatever two rapporteurs do at once.
        b.HasIndex(r => r.SessionId).IsUnique();
        b.HasIndex(r => new { r.ProcessId, r.Status });
    }
}

internal sealed class OutcomeSettingsMapping : IEntityTypeConfiguration<OutcomeSettings>
{
    public void Configure(EntityTypeBuilder<OutcomeSettings> b)
    {
        b.HasKey(s => s.ProcessId);
        b.HasOne<Process>().WithOne().HasForeignKey<OutcomeSettings>(s => s.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageMapping : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("OutcomeMessages");
        b.Property(m => m.Title).HasMaxLength(Message.TitleMax);
        b.Property(m => m.Body).HasMaxLength(Message.TextMax);
        b.Property(m => m.AccountId).HasMaxLength(450);
        b.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ProcessId, m.Id });
        b.HasMany(m => m.Sources).WithOne().HasForeignKey(s => s.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Sources).HasField("_sources");
    }
}

internal sealed class MessageSourceMapping : IEntityTypeConfiguration<MessageSource>
{
    public void Configure(EntityTypeBuilder<MessageSource> b)
    {
        b.ToTable("OutcomeMessageSources");
        b.HasKey(s => new { s.MessageId, s.Kind, s.TargetId });
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class CommitmentMapping : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.Property(c => c.Title).HasMaxLength(Commitment.TitleMax);
        b.Property(c => c.Description).HasMaxLength(Commitment.DescriptionMax);
        b.Property(c => c.LeadOrganisation).HasMaxLength(Commitment.TitleMax);
        b.Property(c => c.Signatories).HasMaxLength(Commitment.NamesMax);
        b.Property(c => c.Owners).HasMaxLength(Commitment.NamesMax);
        b.Property(c => c.OwnerAccountId).HasMaxLength(450);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Evidence);
        b.HasOne<Process>().WithMany().HasForeignKey(c => c.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(c => c.LeadStakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.ProcessId, c.Id });
        b.HasMany(c => c.Milestones).WithOne().HasForeignKey(m => m.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Milestones).HasField("_milestones");
    }
}

internal sealed class MilestoneMapping : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.ToTable("CommitmentMilestones");
        b.Property(m => m.Title).HasMaxLength(Commitment.TitleMax);
        b.Property(m => m.OwnerAccountId).HasMaxLength(450);
        b.HasOne<Region>().WithMany().HasForeignKey(m => m.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.CommitmentId, m.DueOn });

        // The reminder sweep: milestones not reached whose date has passed.
        b.HasIndex(m => new { m.CompletedOn, m.DueOn });
    }
}

internal sealed class AdviceMapping : IEntityTypeConfiguration<Advice>
{
    public void Configure(EntityTypeBuilder<Advice> b)
    {
        b.ToTable("Advice");
        b.Property(a => a.Title).HasMaxLength(Advice.TitleMax);
        b.Property(a => a.Body).HasMaxLength(Advice.TextMax);
        b.Property(a => a.Link).HasMaxLength(Advice.UrlMax);
        b.Property(a => a.Recipient).HasMaxLength(Advice.TitleMax);
        b.Property(a => a.Response).HasMaxLength(Advice.TextMax);
        b.Property(a => a.Implemented).HasMaxLength(Advice.TextMax);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.IsSent);
        b.HasOne<Process>().WithMany().HasForeignKey(a => a.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ProcessId, a.Id });
    }
}

internal sealed class IndicatorMapping : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(i => i.Name).HasMaxLength(Indicator.NameMax);
        b.Property(i => i.Unit).HasMaxLength(Indicator.UnitMax);
        b.Property(i => i.Description).HasMaxLength(Indicator.DescriptionMax);
        b.HasOne<Process>().WithMany().HasForeignKey(i => i.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.ProcessId, i.Id });
    }
}

internal sealed class IndicatorPointMapping : IEntityTypeConfiguration<IndicatorPoint>
{
    public void Configure(EntityTypeBuilder<IndicatorPoint> b)
    {
        // One value per date; the chart reads the key alone.
        b.HasKey(p => new { p.IndicatorId, p.On });
        b.HasOne<Indicator>().WithMany().HasForeignKey(p => p.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorEventMapping : IEntityTypeConfiguration<IndicatorEvent>
{
    public void Configure(EntityTypeBuilder<IndicatorEvent> b)
    {
        b.Property(e => e.Label).HasMaxLength(IndicatorEvent.LabelMax);
        b.HasOne<Indicator>().WithMany().HasForeignKey(e => e.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.IndicatorId, e.On });
    }
}
