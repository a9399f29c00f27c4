using EqualFooting.Participation;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Privacy;

internal sealed class ProcessPrivacyMapping : IEntityTypeConfiguration<ProcessPrivacy>
{
    public void Configure(EntityTypeBuilder<ProcessPrivacy> b)
    {
        b.ToTable("ProcessPrivacy");
        b.HasKey(p => p.ProcessId);
        b.Property(p => p.Names).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Process>().WithOne().HasForeignKey<ProcessPrivacy>(p => p.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.Settings);
    }
}

internal sealed class ParticipantPrivacyMapping : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.Property(p => p.Pseudonym).HasMaxLength(Participant.PseudonymMax);
        b.Property(p => p.OwnNames).HasConversion<string>().HasMaxLength(16);
        b.Ignore(p => p.Privacy);
    }
}
