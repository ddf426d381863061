using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Where predictions come from: the detector in this process, or a running host's
/// <c>POST /api/compliance/phi/detect</c>.</summary>
internal interface IPhiSource
{
    Task<IReadOnlyList<AnnotatedSpan>> Detect(string text);
}

internal sealed class InProcessPhiSource(PhiDetector detector) : IPhiSource
{
    public Task<IReadOnlyList<AnnotatedSpan>> Detect(string text) =>
        Task.FromResult<IReadOnlyList<AnnotatedSpan>>(detector.Detect(text).Select(s => new AnnotatedSpan(s.Start, s.End, s.Type)).ToList());
}

internal sealed class HttpPhiSource(Uri baseAddress) : IPhiSource, IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = baseAddress };

    public async Task<IReadOnlyList<AnnotatedSpan>> Detect(string text)
    {
        using var response = await client.PostAsJsonAsync("/api/compliance/phi/detect", new { text });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("findings").EnumerateArray()
            .Select(f => new AnnotatedSpan(f.GetProperty("start").GetInt32(), f.GetProperty("end").GetInt32(), f.GetProperty("type").GetString()!))
            .ToList();
    }

    public void Dispose() => client.Dispose();
}
