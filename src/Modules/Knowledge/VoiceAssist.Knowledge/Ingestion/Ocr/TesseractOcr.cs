using System.Runtime.InteropServices;

namespace VoiceAssist.Knowledge.Ingestion.Ocr;

/// <summary>One page read by OCR: its text and Tesseract's mean word confidence (0-100).</summary>
internal sealed record OcrPage(int Page, string Text, int Confidence);

/// <summary>An English Tesseract engine for one document's pages. Not thread-safe: one per document. Loading the
/// language data takes a moment, so a document's pages share one engine.</summary>
internal sealed class TesseractOcr : IDisposable
{
    /// <summary>Where Debian's tesseract-ocr-eng puts the English model.</summary>
    public const string DefaultDataPath = "/usr/share/tesseract-ocr/5/tessdata";

    private nint handle;

    /// <summary>Tesseract parallelises inside a page with OpenMP, which on a busy server costs far more in spinning
    /// threads than it gains; pages are better read one thread each. Set before libtesseract (and libgomp, which
    /// reads it once when loaded) is first used; an operator's own OMP_THREAD_LIMIT wins.</summary>
    static TesseractOcr() => _ = TesseractNative.setenv("OMP_THREAD_LIMIT", "1", overwrite: 0);

    public TesseractOcr(string? dataPath, string language = "eng")
    {
        try
        {
            _ = TesseractNative.setMsgSeverity(TesseractNative.SeverityNone);
            handle = TesseractNative.TessBaseAPICreate();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new InvalidOperationException("OCR is not available: install the Debian packages libtesseract5 and tesseract-ocr-eng.", ex);
        }

        if (TesseractNative.TessBaseAPIInit3(handle, dataPath ?? DefaultDataPath, language) != 0)
        {
            TesseractNative.TessBaseAPIDelete(handle);
            handle = 0;
            throw new InvalidOperationException($"OCR is not available: Tesseract found no '{language}' language data in {dataPath ?? DefaultDataPath} (Debian package tesseract-ocr-{language}).");
        }

        TesseractNative.TessBaseAPISetPageSegMode(handle, TesseractNative.PageSegAuto);
        // Tesseract otherwise prints a line per page about resolution and parameters.
        TesseractNative.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    /// <summary>Reads the text of an image (PNG, JPEG, TIFF page, PNM...) already decoded by Leptonica.</summary>
    public (string Text, int Confidence) Read(nint pix, int fallbackDpi)
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        TesseractNative.TessBaseAPISetImage2(handle, pix);
        var dpi = TesseractNative.pixGetXRes(pix);
        TesseractNative.TessBaseAPISetSourceResolution(handle, dpi is >= 70 and <= 2400 ? dpi : fallbackDpi);
        var text = TesseractNative.TessBaseAPIGetUTF8Text(handle);
        try
        {
            var value = text == 0 ? "" : Marshal.PtrToStringUTF8(text) ?? "";
            var confidence = value.Trim().Length == 0 ? 0 : Math.Clamp(TesseractNative.TessBaseAPIMeanTextConf(handle), 0, 100);
            return (value, confidence);
        }
        finally
        {
            if (text != 0)
            {
                TesseractNative.TessDeleteText(text);
            }

            TesseractNative.TessBaseAPIClear(handle);
        }
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            TesseractNative.TessBaseAPIEnd(handle);
            TesseractNative.TessBaseAPIDelete(handle);
            handle = 0;
        }
    }
}
