using System.Runtime.InteropServices;

namespace VoiceAssist.Knowledge.Ingestion.Ocr;

/// <summary>The few functions of Tesseract 5's C API (<c>capi.h</c>) and Leptonica (<c>allheaders.h</c>) that page
/// OCR needs. Debian: <c>libtesseract5</c> (libtesseract.so.5, which brings liblept.so.5) and <c>tesseract-ocr-eng</c>.</summary>
internal static partial class TesseractNative
{
    private const string Tesseract = "libtesseract.so.5";
    private const string Leptonica = "liblept.so.5";

    /// <summary>Tesseract's automatic page segmentation without orientation detection (PSM_AUTO).</summary>
    public const int PageSegAuto = 3;

    /// <summary>Leptonica's L_SEVERITY_NONE: its own messages stay off standard error.</summary>
    public const int SeverityNone = 6;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Tesseract)]
    public static partial nint TessBaseAPICreate();

    [LibraryImport(Tesseract, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(nint handle, string? dataPath, string language);

    [LibraryImport(Tesseract, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool TessBaseAPISetVariable(nint handle, string name, string value);

    [LibraryImport(Tesseract)]
    public static partial void TessBaseAPISetPageSegMode(nint handle, int mode);

    [LibraryImport(Tesseract)]
    public static partial void TessBaseAPISetImage2(nint handle, nint pix);

    [LibraryImport(Tesseract)]
    public static partial void TessBaseAPISetSourceResolution(nint handle, int ppi);

    [LibraryImport(Tesseract)]
    public static partial nint TessBaseAPIGetUTF8Text(nint handle);

    [LibraryImport(Tesseract)]
    public static partial int TessBaseAPIMeanTextConf(nint handle);

    [LibraryImport(Tesseract)]
    public static partial void TessBaseAPIClear(nint handle);

    [LibraryImport(Tesseract)]
    public static partial void TessDeleteText(nint text);

    [LibraryImport(Tesseract)]
    public static partial void TessBaseAPIEnd(nint handle);

    [LibraryImport(Tesseract)]
    public static partial void TessBaseAPIDelete(nint handle);

    [LibraryImport(Leptonica)]
    public static partial nint pixReadMem(ref byte data, nuint size);

    [LibraryImport(Leptonica)]
    public static partial nint pixReadMemTiff(ref byte data, nuint size, int page);

    [LibraryImport(Leptonica)]
    public static partial int pixReadHeaderMem(ref byte data, nuint size, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int colormap);

    [LibraryImport(Leptonica)]
    public static partial int pixGetXRes(nint pix);

    [LibraryImport(Leptonica)]
    public static partial int pixGetWidth(nint pix);

    [LibraryImport(Leptonica)]
    public static partial int pixGetHeight(nint pix);

    [LibraryImport(Leptonica)]
    public static partial void pixDestroy(ref nint pix);

    [LibraryImport(Leptonica)]
    public static partial int setMsgSeverity(int severity);
}
