using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Conversations;

internal sealed class ConversationMapping : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.Property(c => c.Title).HasMaxLength(Common.Text.NameMax);
        b.Property(c => c.Moderation).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Process>().WithMany().HasForeignKey(c => c.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.IsOpen);
        b.Property(c => c.ImportKey).HasMaxLength(Conversation.ImportKeyMax);

        // The same export imported twice into one process, even by two commands at once, stores one conversation.
        b.HasIndex(c => new { c.ProcessId, c.ImportKey }).IsUnique();
    }
}

internal sealed class StatementMapping : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.Property(s => s.Text).HasMaxLength(Statement.ImportedTextMax);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Conversation>().WithMany().HasForeignKey(s => s.ConversationId).OnDelete(DeleteBehavior.Restrict);
        UnindexedForeignKeys.Unindexed(b.Property(s => s.AuthorParticipantId));
        b.HasOne<Participant>().WithMany().HasForeignKey(s => s.AuthorParticipantId).OnDelete(DeleteBehavior.Restrict);

        // The voting page and the moderation queue read a conversation's statements by status.
        b.HasIndex(s => new { s.ConversationId, s.Status });
    }
}

internal sealed class StatementVoteMapping : IEntityTypeConfiguration<StatementVote>
{
    public void Configure(EntityTypeBuilder<StatementVote> b)
    {
        b.ToTable("StatementVotes");
        b.Property(v => v.Choice).HasConversion<int>();
        b.HasOne<Conversation>().WithMany().HasForeignKey(v => v.ConversationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Statement>().WithMany().HasForeignKey(v => v.StatementId).OnDelete(DeleteBehavior.Restrict);
        UnindexedForeignKeys.Unindexed(b.Property(v => v.ParticipantId));
        b.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Restrict);

        // One vote per participant per statement, whatever the timing: a double click or a race stores one row.
        b.HasIndex(v => new { v.StatementId, v.ParticipantId }).IsUnique();

        // The analysis reads every vote of a conversation.
        b.HasIndex(v => v.ConversationId);
    }
}
