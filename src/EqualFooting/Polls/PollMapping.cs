using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Polls;

internal sealed class PollMapping : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> b)
    {
        b.Property(x => x.Question).HasMaxLength(Poll.QuestionMax);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.PrimitiveCollection(x => x.Options);
        b.Ignore(x => x.Categories);

        // Changes claim the version; every ballot moves it too (PollCommands), so settings cannot change under a first ballot.
        b.Property(x => x.Version).IsConcurrencyToken();

        b.HasOne<Process>().WithMany().HasForeignKey(x => x.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProcessId, x.Id });
        b.HasIndex(x => x.SessionId);
    }
}

internal sealed class BallotMapping : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> b)
    {
        b.ToTable("Ballots");
        b.Property(x => x.Stance).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(Deliberation.Position.ReasonMax);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(x => x.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);

        // One ballot per participant per poll: a double click or two devices store one row.
        b.HasIndex(x => new { x.PollId, x.ParticipantId }).IsUnique();

        // The tally groups by these and reads the index alone.
        b.HasIndex(x => new { x.PollId, x.StakeholderGroupId, x.RegionId, x.Choices });
    }
}

internal sealed class HandCountMapping : IEntityTypeConfiguration<HandCount>
{
    public void Configure(EntityTypeBuilder<HandCount> b)
    {
        b.ToTable("HandCounts");
        b.PrimitiveCollection(x => x.Counts);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(x => x.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PollId);
    }
}
