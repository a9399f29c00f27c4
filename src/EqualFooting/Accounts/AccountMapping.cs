using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Accounts;

internal sealed class AccountMapping : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.Property(a => a.DisplayName).HasMaxLength(Account.DisplayNameMax);
        b.Property(a => a.ImportedFrom).HasMaxLength(Account.ImportedFromMax);
        b.Property(a => a.NoticeMail).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.NoticeMailCulture).HasMaxLength(16);

        // The mail sweep starts from the accounts that chose e-mail.
        b.HasIndex(a => a.NoticeMail);
    }
}
