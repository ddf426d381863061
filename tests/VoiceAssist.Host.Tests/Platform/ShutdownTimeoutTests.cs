using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

/// <summary>The Helm chart sets <c>shutdownTimeoutSeconds</c> in the ConfigMap (an environment variable) and sizes the
/// pod's grace period from it: the host must really take it as its shutdown timeout.</summary>
public sealed class ShutdownTimeoutTests(ShutdownTimeoutTests.ChartSettingsFactory factory) : IClassFixture<ShutdownTimeoutTests.ChartSettingsFactory>
{
    [Fact]
    public void The_shutdown_timeout_setting_becomes_the_hosts_shutdown_timeout()
    {
        factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(40));
    }

    public sealed class ChartSettingsFactory : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["shutdownTimeoutSeconds"] = "40" };
    }
}
