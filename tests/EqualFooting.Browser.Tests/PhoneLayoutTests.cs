using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EqualFooting.Browser.Tests;

/// <summary>The demo on a 390-px phone: nothing wider than the screen, names read as text, charts show whole labels.</summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneLayoutTests(Site site)
{
    private const int Phone = 390;

    [Fact]
    public async Task The_participants_table_fits_a_phone_with_names_aligned_as_text()
    {
        await using var context = await site.NewContextAsync(width: Phone);
        var page = await context.NewPageAsync();
        await new Visitor(page).OpenDemoProcessAsync();
        await page.GotoAsync(page.Url.TrimEnd('/') + "/participants");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Participants", Level = 1 })).ToBeVisibleAsync();

        Assert.True(await FitsAsync(page), "the participants page is wider than the phone");
        var name = page.Locator(".participants-table tbody th").First;
        Assert.Equal("left", await name.EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));
        var box = await page.Locator(".participants-table tbody tr").First.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= Phone, $"a row spans {box?.X}–{box?.X + box?.Width}");
    }

    [Fact]
    public async Task The_process_pages_chart_shows_every_group_name_whole()
    {
        foreach (int? width in new int?[] { null, Phone })
        {
            await using var context = await site.NewContextAsync(width: width);
            var page = await context.NewPageAsync();
            await new Visitor(page).OpenDemoProcessAsync();

            var labels = page.Locator(".participation figure.chart svg text.label");
            Assert.True(await labels.CountAsync() >= 6);
            // Each label inside the chart's box: an SVG clips whatever falls outside it.
            var outside = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.participation figure.chart svg')].flatMap(svg => {
                    const box = svg.getBoundingClientRect();
                    return [...svg.querySelectorAll('text.label')]
                        .filter(t => { const r = t.getBoundingClientRect(); return r.left < box.left - 0.5 || r.right > box.right + 0.5; })
                        .map(t => t.textContent);
                })
                """);
            Assert.Empty(outside);
            Assert.True(await FitsAsync(page), "the process page is wider than the screen");
        }
    }

    [Fact]
    public async Task The_consultation_line_on_the_process_page_shows_its_parts_apart()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await new Visitor(page).OpenDemoProcessAsync();

        var parts = page.Locator("ul.consultations li").First.Locator(":scope > span");
        Assert.True(await parts.CountAsync() >= 3);
        var tops = await parts.EvaluateAllAsync<double[]>("spans => spans.map(s => s.getBoundingClientRect().top)");
        Assert.Equal(tops.Length, tops.Distinct().Count());
    }

    [Fact]
    public async Task The_demo_comparison_reads_inline_on_a_phone()
    {
        await using var context = await site.NewContextAsync(width: Phone);
        var page = await context.NewPageAsync();
        await new Visitor(page).OpenDemoProcessAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoConsultationTitle }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "What changed since version 1" }).ClickAsync();

        var changed = page.Locator("li.diff-changed .diff-text").First;
        await Expect(changed).ToBeVisibleAsync();
        // Inline: one run of text, so an inserted fragment continues its sentence instead of taking a line of its own.
        Assert.Equal("normal", await changed.EvaluateAsync<string>("d => getComputedStyle(d).whiteSpace"));
        Assert.DoesNotContain("\n", await changed.TextContentAsync());
        Assert.True(await changed.Locator("ins").CountAsync() > 0);
        await Expect(page.Locator(".diff-text").First).Not.ToContainTextAsync("#");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Comment by Rafael Lima" })).ToBeVisibleAsync();
        Assert.True(await FitsAsync(page), "the comparison is wider than the phone");
    }

    private const string DemoConsultationTitle = "Draft recommendations: multistakeholder participation at the local level";

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
}
