using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Processes;

internal sealed class ProcessMapping : IEntityTypeConfiguration<Process>
{
    public void Configure(EntityTypeBuilder<Process> b)
    {
        b.Property(p => p.Name).HasMaxLength(Common.Text.NameMax);
        b.Property(p => p.Description).HasMaxLength(Common.Text.DescriptionMax);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        b.PrimitiveCollection(p => p.Languages);
        b.HasMany(p => p.StakeholderGroups).WithOne().HasForeignKey(g => g.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Regions).WithOne().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.StakeholderGroups).HasField("_stakeholderGroups");
        b.Navigation(p => p.Regions).HasField("_regions");
        b.HasIndex(p => p.Status);
    }
}

internal sealed class StakeholderGroupMapping : IEntityTypeConfiguration<StakeholderGroup>
{
    public void Configure(EntityTypeBuilder<StakeholderGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(Common.Text.ShortMax);
        b.HasIndex(g => new { g.ProcessId, g.Position });
    }
}

internal sealed class RegionMapping : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.Property(r => r.Name).HasMaxLength(Common.Text.ShortMax);
        b.HasIndex(r => new { r.ProcessId, r.Position });
    }
}
