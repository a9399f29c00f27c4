using System.Globalization;
using EqualFooting.Web.Kernel;

namespace EqualFooting.Web.Tests.Localisation;

/// <summary>"1 comment", "2 comments": the singular by the CLDR rule of each language we ship.</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData("en", 0, false)]
    [InlineData("en", 1, true)]
    [InlineData("en", 2, false)]
    [InlineData("es", 0, false)]
    [InlineData("es", 1, true)]
    [InlineData("es", 21, false)]
    [InlineData("fr", 0, true)]
    [InlineData("fr", 1, true)]
    [InlineData("fr", 2, false)]
    [InlineData("pt", 0, true)]
    [InlineData("pt-BR", 1, true)]
    [InlineData("pt", 2, false)]
    [InlineData("pt-PT", 0, false)]
    [InlineData("pt-PT", 1, true)]
    public void The_singular_follows_each_languages_rule(string culture, long count, bool one) =>
        Assert.Equal(one, Plurals.IsOne(CultureInfo.GetCultureInfo(culture), count));
}
