using System.Net;
using Microsoft.AspNetCore.Http;
using VoiceAssist.Testing;
using VoiceAssist.Voice.VoiceSessions;

namespace VoiceAssist.Host.Tests.Platform;

public sealed class MetricsEndpointTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private const int ManagementPort = 9464;

    [Fact]
    public async Task Metrics_expose_request_duration_outbox_backlog_and_voice_timings_with_their_labels_on_the_management_port_only()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/api/integrations/connectors")).StatusCode.Should().Be(HttpStatusCode.OK);
        VoiceTelemetry.Transcript.Record(412.5, new KeyValuePair<string, object?>("end_of_speech.source", "vad"));
        VoiceTelemetry.Reply.Record(980, new KeyValuePair<string, object?>("end_of_speech.source", "vad"));
        VoiceTelemetry.FirstAudio.Record(1210, new KeyValuePair<string, object?>("end_of_speech.source", "vad"));

        var text = await Eventually.Until(Scrape, body => body.Contains("voiceassist_outbox_pending", StringComparison.Ordinal),
            within: TimeSpan.FromSeconds(30), because: "the backlog is read in the background");

        text.Should().MatchRegex(@"http_server_request_duration_seconds_bucket\{[^}]*http_request_method=""GET""[^}]*http_response_status_code=""200""[^}]*http_route=""/api/integrations/connectors/?""");
        text.Should().MatchRegex(@"voiceassist_outbox_pending(\{[^}]*\})? \d+");
        text.Should().MatchRegex(@"voiceassist_outbox_dead_letters(\{[^}]*\})? \d+");
        text.Should().Contain("voiceassist_outbox_oldest_pending_age_seconds");
        text.Should().MatchRegex(@"voiceassist_voice_turn_transcript_milliseconds_bucket\{[^}]*end_of_speech_source=""vad""");
        text.Should().MatchRegex(@"voiceassist_voice_turn_reply_milliseconds_count\{[^}]*end_of_speech_source=""vad""");
        text.Should().MatchRegex(@"voiceassist_voice_turn_first_audio_milliseconds_sum\{[^}]*end_of_speech_source=""vad""");
        text.Should().NotContain("voiceassist_usage", "usage carries user ids and is never exported");

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the public port does not serve the metrics");
    }

    private async Task<string> Scrape()
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/metrics";
            http.Connection.LocalPort = ManagementPort;
        });
        context.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
