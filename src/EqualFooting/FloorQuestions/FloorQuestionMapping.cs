using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.FloorQuestions;

internal sealed class FloorQuestionMapping : IEntityTypeConfiguration<FloorQuestion>
{
    public void Configure(EntityTypeBuilder<FloorQuestion> b)
    {
        b.ToTable("FloorQuestions");
        b.Property(x => x.Text).HasMaxLength(FloorQuestion.TextMax);
        b.Property(x => x.Addressee).HasMaxLength(FloorQuestion.AddresseeMax);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.AcceptsVotes);
        b.HasOne<Process>().WithMany().HasForeignKey(x => x.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.AskerParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ProcessId, x.SessionId, x.Status });
    }
}

internal sealed class QuestionVoteMapping : IEntityTypeConfiguration<QuestionVote>
{
    public void Configure(EntityTypeBuilder<QuestionVote> b)
    {
        b.ToTable("QuestionVotes");

        // One vote per participant per question: a second upvote is a no-op.
        b.HasKey(x => new { x.QuestionId, x.ParticipantId });
        b.HasOne<FloorQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
    }
}
