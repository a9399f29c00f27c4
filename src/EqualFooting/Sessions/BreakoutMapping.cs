using EqualFooting.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Sessions;

internal sealed class BreakoutMapping : IEntityTypeConfiguration<Breakout>
{
    public void Configure(EntityTypeBuilder<Breakout> b)
    {
        b.Property(x => x.Title).HasMaxLength(Common.Text.NameMax);
        b.Property(x => x.Strategy).HasConversion<string>().HasMaxLength(32);
        b.PrimitiveCollection(x => x.Questions);

        // Every change claims the round's version first (see BreakoutCommands), so changes to one round queue up.
        b.Property(x => x.Version).IsConcurrencyToken();

        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SessionId);

        b.HasMany(x => x.Groups).WithOne().HasForeignKey(g => g.BreakoutId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Groups).HasField("_groups");
        b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.BreakoutId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Members).HasField("_members");
    }
}

internal sealed class BreakoutGroupMapping : IEntityTypeConfiguration<BreakoutGroup>
{
    public void Configure(EntityTypeBuilder<BreakoutGroup> b)
    {
        b.ToTable("BreakoutGroups");
        b.HasKey(g => new { g.BreakoutId, g.Number });
        b.Property(g => g.Number).ValueGeneratedNever();
        b.Property(g => g.Name).HasMaxLength(Common.Text.NameMax);
        b.Property(g => g.Report).HasMaxLength(BreakoutGroup.ReportMax);
        b.Property(g => g.ReportEditorAccountId).HasMaxLength(450);
        b.Property(g => g.ReportEditorName).HasMaxLength(Common.Text.ShortMax);
        b.Ignore(g => g.IsReported);
    }
}

internal sealed class BreakoutMemberMapping : IEntityTypeConfiguration<BreakoutMember>
{
    public void Configure(EntityTypeBuilder<BreakoutMember> b)
    {
        b.ToTable("BreakoutMembers");

        // One group per participant per round.
        b.HasKey(m => new { m.BreakoutId, m.ParticipantId });
        b.HasOne<Participant>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.BreakoutId, m.GroupNumber });
    }
}

internal sealed class TableDeclarationMapping : IEntityTypeConfiguration<TableDeclaration>
{
    public void Configure(EntityTypeBuilder<TableDeclaration> b)
    {
        b.ToTable("TableDeclarations");
        b.HasKey(t => new { t.SessionId, t.ParticipantId });
        b.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Participant>().WithMany().HasForeignKey(t => t.ParticipantId).OnDelete(DeleteBehavior.Restrict);
    }
}
