using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Assessments;

internal sealed class AssessmentGridMapping : IEntityTypeConfiguration<AssessmentGrid>
{
    public void Configure(EntityTypeBuilder<AssessmentGrid> b)
    {
        b.ToTable("AssessmentGrids");
        b.Property(x => x.Title).HasMaxLength(AssessmentGrid.TitleMax);
        b.PrimitiveCollection(x => x.Questions);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Process>().WithMany().HasForeignKey(x => x.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Breakout>().WithMany().HasForeignKey(x => x.BreakoutId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AssessmentGrid>().WithMany().HasForeignKey(x => x.PreviousId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ProcessId, x.Id });
        b.HasIndex(x => x.BreakoutId);
        b.HasIndex(x => x.PreviousId);
    }
}

internal sealed class GridAnswerMapping : IEntityTypeConfiguration<GridAnswer>
{
    public void Configure(EntityTypeBuilder<GridAnswer> b)
    {
        b.ToTable("GridAnswers");
        b.Property(x => x.Comment).HasMaxLength(GridAnswer.CommentMax);
        b.HasOne<AssessmentGrid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StakeholderGroup>().WithMany().HasForeignKey(x => x.StakeholderGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);

        // One answer per participant per question: a double click or two devices store one row.
        b.HasIndex(x => new { x.GridId, x.ParticipantId, x.Question }).IsUnique();
    }
}

internal sealed class GridConsensusMapping : IEntityTypeConfiguration<GridConsensus>
{
    public void Configure(EntityTypeBuilder<GridConsensus> b)
    {
        b.ToTable("GridConsensus");
        b.Property(x => x.Note).HasMaxLength(GridAnswer.CommentMax);
        b.HasOne<AssessmentGrid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Breakout>().WithMany().HasForeignKey(x => x.BreakoutId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);

        // One agreed value per breakout group per question.
        b.HasIndex(x => new { x.GridId, x.BreakoutId, x.GroupNumber, x.Question }).IsUnique();
    }
}
