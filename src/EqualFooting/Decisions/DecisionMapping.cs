using EqualFooting.Participation;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Decisions;

internal sealed class ProposalMapping : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.Property(p => p.Title).HasMaxLength(Proposal.TitleMax);
        b.Property(p => p.Body).HasMaxLength(Proposal.BodyMax);
        b.Property(p => p.Question).HasMaxLength(Proposal.QuestionMax);
        b.Property(p => p.Rationale).HasMaxLength(Proposal.ReasonMax);
        b.Property(p => p.RuleKind).HasConversion<string>().HasMaxLength(32);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(32);
        b.Property(p => p.Because).HasConversion<string>().HasMaxLength(32);
        b.Property(p => p.Designation).HasConversion<string>().HasMaxLength(48);
        b.Property(p => p.ChairAccountId).HasMaxLength(450);
        b.Property(p => p.FacilitatorAccountId).HasMaxLength(450);
        b.Ignore(p => p.Rule);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Process>().WithMany().HasForeignKey(p => p.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Proposal>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.ProcessId, p.Id });
        b.HasIndex(p => p.ParentId);
        b.HasMany(p => p.Links).WithOne().HasForeignKey(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Links).HasField("_links");
    }
}

internal sealed class ProposalLinkMapping : IEntityTypeConfiguration<ProposalLink>
{
    public void Configure(EntityTypeBuilder<ProposalLink> b)
    {
        b.HasKey(l => new { l.ProposalId, l.Kind, l.TargetId });
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class ProposalPositionMapping : IEntityTypeConfiguration<ProposalPosition>
{
    public void Configure(EntityTypeBuilder<ProposalPosition> b)
    {
        b.Property(p => p.Stance).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Reason).HasMaxLength(Deliberation.Position.ReasonMax);
        b.HasOne<Proposal>().WithMany().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(p => p.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(p => p.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);

        // One position per participant per proposal and round, whatever the timing of a double click; the tally reads it.
        b.HasIndex(p => new { p.ProposalId, p.Round, p.ParticipantId }).IsUnique();
    }
}

internal sealed class ProposalProxyMapping : IEntityTypeConfiguration<ProposalProxy>
{
    public void Configure(EntityTypeBuilder<ProposalProxy> b)
    {
        b.HasOne<Proposal>().WithMany().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(p => p.FromParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(p => p.ToParticipantId).OnDelete(DeleteBehavior.Restrict);

        // A participant hands their position on a proposal to one person at most.
        b.HasIndex(p => new { p.ProposalId, p.FromParticipantId }).IsUnique();
    }
}

internal sealed class ObjectionResponseMapping : IEntityTypeConfiguration<ObjectionResponse>
{
    public void Configure(EntityTypeBuilder<ObjectionResponse> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Text).HasMaxLength(Proposal.ReasonMax);
        b.HasOne<ProposalPosition>().WithMany().HasForeignKey(r => r.PositionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.ProposalId, r.PositionId });
    }
}

internal sealed class MinorityViewMapping : IEntityTypeConfiguration<MinorityView>
{
    public void Configure(EntityTypeBuilder<MinorityView> b)
    {
        b.Property(v => v.Text).HasMaxLength(MinorityView.TextMax);
        b.HasOne<Proposal>().WithMany().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => v.ProposalId);
    }
}

internal sealed class AppealMapping : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.Grounds).HasMaxLength(Appeal.TextMax);
        b.Property(a => a.RulingReason).HasMaxLength(Appeal.TextMax);
        b.Property(a => a.Ruling).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.ReviewerAccountId).HasMaxLength(450);
        b.HasOne<Proposal>().WithMany().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.ProposalId);
    }
}

internal sealed class DecisionDutyMapping : IEntityTypeConfiguration<DecisionDuty>
{
    public void Configure(EntityTypeBuilder<DecisionDuty> b)
    {
        b.Property(d => d.Duty).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.AccountId).HasMaxLength(450);
        b.HasOne<Process>().WithMany().HasForeignKey(d => d.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.ProcessId, d.AccountId, d.Duty }).IsUnique();
    }
}

internal sealed class SeatHolderMapping : IEntityTypeConfiguration<SeatHolder>
{
    public void Configure(EntityTypeBuilder<SeatHolder> b)
    {
        b.HasOne<Process>().WithMany().HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(s => s.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(s => s.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ProcessId, s.ParticipantId, s.From }).IsUnique();
    }
}

internal sealed class RuleChangeMapping : IEntityTypeConfiguration<RuleChange>
{
    public void Configure(EntityTypeBuilder<RuleChange> b)
    {
        b.Property(r => r.From).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.To).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Reason).HasMaxLength(Proposal.ReasonMax);
        b.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.ProposalId);
    }
}

internal sealed class DecisionStatementMapping : IEntityTypeConfiguration<DecisionStatement>
{
    public void Configure(EntityTypeBuilder<DecisionStatement> b)
    {
        b.Property(s => s.Title).HasMaxLength(DecisionStatement.TitleMax);
        b.Property(s => s.Recipient).HasMaxLength(DecisionStatement.RecipientMax);
        b.Property(s => s.SentVia).HasMaxLength(DecisionStatement.ChannelMax);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Process>().WithMany().HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Consultations.Consultation>().WithMany().HasForeignKey(s => s.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ProcessId, s.Id });
        b.HasIndex(s => s.ConsultationId);
    }
}

internal sealed class StatementRatificationMapping : IEntityTypeConfiguration<StatementRatification>
{
    public void Configure(EntityTypeBuilder<StatementRatification> b)
    {
        b.HasOne<DecisionStatement>().WithMany().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Proposal).WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Restrict);

        // A proposal ratifies at most one statement.
        b.HasIndex(r => r.ProposalId).IsUnique();
        b.HasIndex(r => r.StatementId);
    }
}
