using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Accounts;

internal sealed class AccountMapping : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.Property(a => a.DisplayName).HasMaxLength(Account.DisplayNameMax);
        b.Property(a => a.ImportedFrom).HasMaxLength(Account.ImportedFromMax);
    }
}
