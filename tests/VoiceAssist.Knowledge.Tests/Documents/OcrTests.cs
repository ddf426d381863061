using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>Scanned pages read by Tesseract: the page images are real rasterisations (pdftoppm) of a generated
/// page, so OCR sees the same kind of pixels a scanner produces.</summary>
public sealed class OcrTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    private static readonly string[] Page =
    [
        "ANTICOAGULATION IN ATRIAL FIBRILLATION",
        "",
        "Oral anticoagulation with warfarin reduces the risk of stroke",
        "in patients with nonvalvular atrial fibrillation by about two",
        "thirds compared with placebo.",
    ];

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_scanned_pdf_without_a_text_layer_is_read_by_ocr_with_its_confidence_kept()
    {
        var scan = TestScan.ScannedPdf(TestPdf.Create(Page));

        var id = (await client.Upload("scanned-af-guideline.pdf", scan)).GetProperty("documentId").GetGuid();
        var document = await client.WaitUntilSearchable(id);

        document.GetProperty("status").GetString().Should().Be("ready", document.ToString());
        var page = document.GetProperty("ocrPages").EnumerateArray().Single();
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("confidence").GetInt32().Should().BeGreaterThan(80);
        var hit = (await client.Search("warfarin stroke nonvalvular atrial fibrillation")).Passages().First();
        hit.GetProperty("documentId").GetGuid().Should().Be(id);
        hit.GetProperty("text").GetString().Should().Contain("Oral anticoagulation with warfarin reduces the risk of stroke");
        hit.GetProperty("page").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_pdf_mixing_text_pages_and_a_scanned_page_uses_ocr_only_for_the_scan()
    {
        var scannedPage = TestScan.ScannedPdf(TestPdf.Create(Page));
        var textPdf = TestPdf.Create(["Heparin bridging is not needed for most interruptions of warfarin."]);
        var mixed = await PdfUnite(textPdf, scannedPage);

        var id = (await client.Upload("mixed.pdf", mixed)).GetProperty("documentId").GetGuid();
        var document = await client.WaitUntilSearchable(id);

        document.GetProperty("pageCount").GetInt32().Should().Be(2);
        document.GetProperty("ocrPages").EnumerateArray().Select(p => p.GetProperty("page").GetInt32()).Should().Equal(2);
        (await client.Search("heparin bridging interruptions")).Passages().First().GetProperty("page").GetInt32().Should().Be(1);
        (await client.Search("warfarin nonvalvular atrial fibrillation placebo")).Passages().First().GetProperty("text").GetString()
            .Should().Contain("warfarin reduces the risk of stroke", "the scanned page's words were read by OCR");
    }

    [Theory]
    [InlineData("png", "scan.png")]
    [InlineData("jpeg", "scan.jpg")]
    [InlineData("tiff", "scan.tiff")]
    public async Task A_page_image_is_read_by_ocr(string format, string fileName)
    {
        var image = TestScan.Image(TestPdf.Create(Page.Select(l => l.Replace("warfarin", $"warfarin{format}", StringComparison.Ordinal)).ToArray()), format);

        var id = (await client.Upload(fileName, image)).GetProperty("documentId").GetGuid();
        var document = await client.WaitUntilSearchable(id);

        document.GetProperty("status").GetString().Should().Be("ready", document.ToString());
        document.GetProperty("sourceType").GetString().Should().Be("image");
        document.GetProperty("ocrPages")[0].GetProperty("confidence").GetInt32().Should().BeGreaterThan(75);
        var hit = (await client.Search($"warfarin{format} stroke")).Passages().First();
        hit.GetProperty("documentId").GetGuid().Should().Be(id);
        hit.GetProperty("text").GetString().Should().Contain("reduces the risk of stroke");
    }

    [Fact]
    public async Task A_decompression_bomb_image_is_refused_before_it_is_decoded()
    {
        var bomb = TestScan.PngBomb(12_000, 12_000);
        bomb.Length.Should().BeLessThan(200_000, "the bomb is small on the wire");

        var response = await client.UploadRaw("bomb.png", bomb);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("12,000 × 12,000 pixels");
    }

    [Theory]
    [InlineData("photo.png", "jpeg")]
    [InlineData("broken.png", "garbage")]
    public async Task An_image_that_is_not_what_its_name_says_is_refused(string fileName, string content)
    {
        var bytes = content == "jpeg" ? TestScan.Image(TestPdf.Create(["x"]), "jpeg", dpi: 30) : "\u0089PNG\r\n\u001a\nnot really"u8.ToArray();

        var response = await client.UploadRaw(fileName, bytes);

        ((int)response.StatusCode).Should().BeInRange(400, 499);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().MatchRegex("not a PNG|damaged");
    }

    private static async Task<byte[]> PdfUnite(params byte[][] pdfs)
    {
        var folder = Directory.CreateTempSubdirectory("va-unite-");
        try
        {
            var inputs = pdfs.Select((p, i) => Path.Combine(folder.FullName, $"{i}.pdf")).ToList();
            for (var i = 0; i < pdfs.Length; i++)
            {
                await File.WriteAllBytesAsync(inputs[i], pdfs[i]);
            }

            var output = Path.Combine(folder.FullName, "out.pdf");
            var start = new System.Diagnostics.ProcessStartInfo("pdfunite") { UseShellExecute = false };
            foreach (var argument in inputs.Append(output))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            await process.WaitForExitAsync();
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
