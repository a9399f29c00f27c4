using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Accounts;

internal sealed class SignInFailureMapping : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.HasKey(f => f.Key);
        b.Property(f => f.Key).HasMaxLength(SignInFailure.KeyLength);
        b.Property(f => f.Subject).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.Version).IsConcurrencyToken();

        // The sweep forgets old failures by time.
        b.HasIndex(f => f.LastAt);
    }
}
