using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Record;

internal sealed class RecordEntryMapping : IEntityTypeConfiguration<RecordEntry>
{
    public void Configure(EntityTypeBuilder<RecordEntry> b)
    {
        b.ToTable("Record");
        b.Property(r => r.Action).HasMaxLength(64);
        // One entry per place in a process's record: two writers can never take the same number.
        b.HasIndex(r => new { r.ProcessId, r.Sequence }).IsUnique();
        // One entry per leaf: the verifiable log's order, read by proofs and the export.
        b.HasIndex(r => r.LogIndex).IsUnique();
        b.HasOne<Process>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Restrict);
    }
}
