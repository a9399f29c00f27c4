using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace EqualFooting.Persistence;

/// <summary>
/// EF gives every foreign key an index, so that deleting a parent finds its children without a scan. Some parents are
/// never deleted (participants, affiliations, stakeholder groups and regions are retired, not removed), and on a table
/// written as fast as comments an index that no query reads is pure cost: a column marked with
/// <see cref="Unindexed"/> before its foreign key is configured keeps the constraint but gets no index of its own.
/// </summary>
public sealed class UnindexedForeignKeys(ProviderConventionSetBuilderDependencies dependencies) : ForeignKeyIndexConvention(dependencies)
{
    public const string Annotation = "EqualFooting:Unindexed";

    /// <summary>Marks a foreign-key column that needs no index: every query on it also filters on an indexed prefix.</summary>
    public static void Unindexed<T>(PropertyBuilder<T> property) => property.HasAnnotation(Annotation, true);

    protected override IConventionIndex? CreateIndex(IReadOnlyList<IConventionProperty> properties, bool unique, IConventionEntityTypeBuilder entityTypeBuilder) =>
        properties is [var only] && only.FindAnnotation(Annotation)?.Value is true
            ? null
            : base.CreateIndex(properties, unique, entityTypeBuilder);
}
