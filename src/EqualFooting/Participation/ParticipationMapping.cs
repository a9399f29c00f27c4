using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Participation;

internal sealed class ParticipantMapping : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        // The unique index is what makes a double-clicked "join" create one participant, whatever the timing.
        b.HasIndex(p => new { p.ProcessId, p.AccountId }).IsUnique();
        b.HasOne<Process>().WithMany().HasForeignKey(p => p.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Affiliations).WithOne().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.Affiliations).HasField("_affiliations");
        b.Ignore(p => p.Current);
    }
}

internal sealed class AffiliationMapping : IEntityTypeConfiguration<Affiliation>
{
    public void Configure(EntityTypeBuilder<Affiliation> b)
    {
        b.Property(a => a.Country).HasMaxLength(Affiliation.CountryLength);
        b.Property(a => a.Gender).HasMaxLength(Common.Text.ShortMax);
        b.Property(a => a.Organisation).HasMaxLength(Common.Text.NameMax);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(a => a.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Process>().WithMany().HasForeignKey(a => a.ProcessId).OnDelete(DeleteBehavior.Restrict);

        // The participation table counts current declarations per process.
        b.HasIndex(a => new { a.ProcessId, a.Until, a.StakeholderGroupId, a.RegionId });

        // The participant list pages through current declarations newest first; walking this index avoids a sort.
        b.HasIndex(a => new { a.ProcessId, a.Until, a.ParticipantId });

        // A participant has one current declaration, whatever the timing of two changes.
        b.HasIndex(a => a.ParticipantId).IsUnique().HasFilter("\"Until\" IS NULL").HasDatabaseName("IX_Affiliations_OneCurrent");
    }
}

internal sealed class RoleAssignmentMapping : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(r => new { r.ProcessId, r.AccountId, r.Role }).IsUnique();
        b.HasOne<Process>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
