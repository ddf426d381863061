using System.Security.Cryptography;
using System.Text;

namespace VoiceAssist.Knowledge.Ingestion;

internal static class ContentHash
{
    public static string Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Of(string title, string text) => Of(Encoding.UTF8.GetBytes(title.Trim() + "\n" + text.Trim()));
}
