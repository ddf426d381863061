using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VoiceAssist.Knowledge.Tests.Support;

/// <summary>Real scanned pages: a generated PDF page rasterised by poppler's <c>pdftoppm</c> (as a scanner would
/// produce pixels), saved as PNG/JPEG/TIFF, or wrapped again as an image-only PDF with no text layer.</summary>
internal static class TestScan
{
    public static byte[] Image(byte[] pdf, string format, int dpi = 200) =>
        Render(pdf, format switch { "png" => "-png", "jpeg" => "-jpeg", "tiff" => "-tiff", _ => throw new ArgumentOutOfRangeException(nameof(format)) }, dpi, format switch { "jpeg" => ".jpg", "tiff" => ".tif", _ => "." + format });

    /// <summary>An A4 PDF whose only content is the page image: what a scanner's "scan to PDF" writes.</summary>
    public static byte[] ScannedPdf(byte[] pdf, int dpi = 200)
    {
        var pgm = Render(pdf, "-gray", dpi, ".pgm");
        var (width, height, pixels) = ParsePgm(pgm);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(pixels);
        }

        var image = compressed.ToArray();
        var content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
        var objects = new List<byte[]>
        {
            Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"),
            Latin1($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
            Latin1($"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {image.Length} >>\nstream\n").Concat(image).Concat(Latin1("\nendstream")).ToArray(),
        };
        using var output = new MemoryStream();
        output.Write(Latin1("%PDF-1.4\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            output.Write(Latin1($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write(Latin1("\nendobj\n"));
        }

        var xref = output.Position;
        var trailer = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            trailer.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        trailer.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Latin1(trailer.ToString()));
        return output.ToArray();
    }

    /// <summary>A real PNG of <paramref name="width"/> × <paramref name="height"/> black pixels: tiny on disk, huge
    /// once decompressed.</summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    /// <summary>PNG's CRC-32 (ISO 3309, polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Render(byte[] pdf, string option, int dpi, string extension)
    {
        var folder = Directory.CreateTempSubdirectory("va-scan-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm") { UseShellExecute = false, RedirectStandardError = true };
            // A scanner's TIFF is compressed; an uncompressed A4 page would not fit the tests' upload limit.
            var options = option == "-tiff" ? new[] { option, "-gray", "-tiffcompression", "deflate" } : [option];
            foreach (var argument in options.Concat(["-r", dpi.ToString(CultureInfo.InvariantCulture), "-singlefile", "-f", "1", "-l", "1", input, Path.Combine(folder.FullName, "page")]))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            process.ExitCode.Should().Be(0, process.StandardError.ReadToEnd());
            return File.ReadAllBytes(Path.Combine(folder.FullName, "page" + extension));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int Width, int Height, byte[] Pixels) ParsePgm(byte[] pgm)
    {
        // "P5\n<width> <height>\n255\n" then one byte per pixel.
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

        fields[0].Should().Be("P5");
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (width, height, pgm[(position + 1)..]);
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
