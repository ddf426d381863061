using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VoiceAssist.Benchmarks.Knowledge;

/// <summary>PDFs for the extraction benchmark: pages with a real text layer (Helvetica text objects), and the same
/// pages rasterised by pdftoppm and wrapped as image-only pages, as a scanner writes them.</summary>
internal static class PdfSamples
{
    public static byte[] TextPdf(IReadOnlyList<string[]> pages)
    {
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
        var kids = new List<int>();
        foreach (var lines in pages)
        {
            var content = new StringBuilder("BT /F1 11 Tf 14 TL 50 780 Td\n");
            foreach (var line in lines)
            {
                content.Append('(').Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
            }

            content.Append("ET");
            objects.Add($"<< /Length {Encoding.Latin1.GetByteCount(content.ToString())} >>\nstream\n{content}\nendstream");
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /F1 3 0 R >> /Contents {objects.Count} 0 R >>".Replace("/Resources << /F1 3 0 R >>", "/Resources << /Font << /F1 3 0 R >> >>", StringComparison.Ordinal));
            kids.Add(objects.Count);
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>";
        return Assemble(objects.Select(o => Encoding.Latin1.GetBytes(o)).ToList());
    }

    /// <summary>Each page of <paramref name="pdf"/> rendered at <paramref name="dpi"/> in grey and placed as the only
    /// content of an A4 page.</summary>
    public static byte[] ScannedPdf(byte[] pdf, int pageCount, int dpi)
    {
        var folder = Directory.CreateTempSubdirectory("va-bench-scan-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            Run("pdftoppm", "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), input, Path.Combine(folder.FullName, "p"));
            var objects = new List<byte[]> { Encoding.Latin1.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"), Array.Empty<byte>() };
            var kids = new List<int>();
            foreach (var file in Directory.GetFiles(folder.FullName, "p*.pgm").Order(StringComparer.Ordinal).Take(pageCount))
            {
                var (width, height, pixels) = ParsePgm(File.ReadAllBytes(file));
                using var compressed = new MemoryStream();
                using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    zlib.Write(pixels);
                }

                var image = compressed.ToArray();
                byte[] imageObject = [.. Encoding.Latin1.GetBytes($"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {image.Length} >>\nstream\n"), .. image, .. Encoding.Latin1.GetBytes("\nendstream")];
                objects.Add(imageObject);
                var imageId = objects.Count;
                const string content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
                objects.Add(Encoding.Latin1.GetBytes($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"));
                objects.Add(Encoding.Latin1.GetBytes($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 {imageId} 0 R >> >> /Contents {objects.Count} 0 R >>"));
                kids.Add(objects.Count);
            }

            objects[1] = Encoding.Latin1.GetBytes($"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
            return Assemble(objects);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static byte[] Assemble(List<byte[]> objects)
    {
        using var output = new MemoryStream();
        output.Write("%PDF-1.4\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            output.Write(Encoding.Latin1.GetBytes($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write("\nendobj\n"u8);
        }

        var xref = output.Position;
        var trailer = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            trailer.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        trailer.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(trailer.ToString()));
        return output.ToArray();
    }

    private static (int Width, int Height, byte[] Pixels) ParsePgm(byte[] pgm)
    {
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            fields.Add(Encoding.ASCII.GetString(pgm, start, position - start));
        }

        return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture), pgm[(position + 1)..]);
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed.");
        }
    }
}
