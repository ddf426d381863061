using System.Text.Json;
using System.Threading.RateLimiting;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog;
using Serilog.Core;
using StackExchange.Redis;
using VoiceAssist.BuildingBlocks.Caching;
using VoiceAssist.BuildingBlocks.Health;
using VoiceAssist.BuildingBlocks.Http;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.BuildingBlocks.Security;
using VoiceAssist.BuildingBlocks.Web;

namespace VoiceAssist.BuildingBlocks;

/// <summary>Everything the modules share at run time: logging, telemetry, PostgreSQL, Redis, the mediator and its
/// behaviors, the outbox dispatcher, problem details, health, rate limiting, outbound HTTP resilience, API docs.</summary>
public static class VoiceAssistPlatform
{
    public const string DatabaseConnection = "VoiceAssist";
    public const string RedisConnectionName = "Redis";
    public const string ResilientHttpClient = "resilient";

    /// <summary>The Data Protection application name; replicas share keys only under the same name.</summary>
    public const string DataProtectionApplicationName = "VoiceAssist";

    /// <summary>The Redis list holding the Data Protection key ring.</summary>
    public const string DataProtectionKeysKey = "voiceassist:data-protection-keys";

    /// <summary>The Identity module's admin policy (<c>VoiceAssist.Identity.Contracts.Policies.Admin</c>), named here
    /// because the platform cannot reference a module's contracts.</summary>
    public const string OperatorPolicy = "identity:admin";

    /// <param name="builder">The host being built.</param>
    /// <param name="logRedactor">Scrubs PHI from everything logged; the host passes the Compliance module's.</param>
    public static WebApplicationBuilder AddVoiceAssistPlatform(this WebApplicationBuilder builder, ILogRedactor? logRedactor = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Serilog behind the PHI redaction for everything logged, the request log lines included. Sinks registered in
        // the container (ILogEventSink) sit behind the redaction too. Other logging providers (OpenTelemetry's) get the
        // same events.
        builder.Logging.ClearProviders();
        services.AddSerilog(
            (provider, logger) => LoggingSetup.Configure(logger, configuration, logRedactor, writeTo =>
            {
                foreach (var sink in provider.GetServices<ILogEventSink>())
                {
                    writeTo.Sink(sink);
                }
            }),
            // Each host logs through its own logger, never the process-wide static one: several hosts in one process
            // (tests, tools) would otherwise write through whichever was built last.
            preserveStaticLogger: true,
            writeToProviders: true);
        services.AddOpenTelemetryExport(builder.Logging, configuration, "voiceassist", logRedactor);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(Required(configuration, DatabaseConnection)).Build());
        services.AddSingleton<SqlMigrator>();
        services.AddSingleton(_ => RedisMultiplexer.Connect(Required(configuration, RedisConnectionName)));
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            options.InstanceName = "voiceassist:cache:";
            options.ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
        });

        // One Data Protection key ring for every replica, so antiforgery tokens, TempData and any other protected
        // payload issued by one replica are accepted by the others. Each replica caches the ring and refreshes it.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeysKey));

        services.AddMessaging();
        services.AddOutbox(configuration);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (context.HttpContext.Items[CorrelationMiddleware.Header] is string correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.RefuseNulCharacters();
        });

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            // Without Redis the host still serves (rate limits count per replica), so Redis down is Degraded, not Unhealthy:
            // readiness stays 200 and Kubernetes keeps every replica in service.
            .AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<OutboxHealthCheck>("outbox", tags: ["outbox"], timeout: TimeSpan.FromSeconds(5));
        // Every check also runs on a timer, for the voiceassist.health.status and outbox gauges.
        services.AddSingleton<IHealthCheckPublisher, HealthMetricsPublisher>();
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(2);
            options.Period = TimeSpan.FromSeconds(15);
        });

        services.Configure<HttpResilienceOptions>(configuration.GetSection(HttpResilienceOptions.Section));
        services.AddHttpClient(ResilientHttpClient).AddVoiceAssistResilience();

        var permitsPerMinute = configuration.GetValue("RateLimiting:PermitsPerMinutePerClient", 1200);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    GlobalPartition(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        // Behind an ingress the client address, scheme and host come from X-Forwarded-*, trusted only from the listed
        // proxies, and applied in front of everything else (HSTS, HTTPS redirection, same-origin checks read them).
        services.AddForwardedHeadersFirst(configuration);

        // The Identity module adds the token scheme and the policies; these make the middleware safe to use without it.
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddScoped<Contracts.Security.ICurrentUser, HttpCurrentUser>();
        services.AddScoped<Auditing.AdministrativeChanges>();

        services.AddOpenApi();
        builder.FindWebRoot();
        return builder;
    }

    public static WebApplication UseVoiceAssistPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseSerilogRequestLogging(options =>
        {
            RequestLogging.Configure(options);
            // This host's logger, not the process-wide static one another host in the same process may have replaced.
            options.Logger = app.Services.GetService<Serilog.ILogger>();
        });
        app.UsePrometheusScrapeEndpoint(app.Configuration);
        app.UseExceptionHandler();
        app.UseWhen(context => !Web.OwnStatusPages.IsClaimed(context), api => api.UseStatusCodePages());
        app.UseMiddleware<TextInputMiddleware>();
        app.UseRouting();
        // Authentication before the rate limiter, so limits can be partitioned by user; authorization after it, so a
        // flood of unauthorized requests is throttled too.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        // Probes are never rate limited: a 429 under load would make Kubernetes restart or unroute a healthy replica.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteHealth }).AllowAnonymous().DisableRateLimiting();
        // The outbox is shared by every replica, so it is not a readiness condition (failing it would unroute them all
        // at once while requests are still served); monitoring asks this endpoint: 503 once undelivered work piles up.
        app.MapHealthChecks("/health/outbox", new HealthCheckOptions { Predicate = check => check.Tags.Contains("outbox"), ResponseWriter = WriteHealth })
            .AllowAnonymous().DisableRateLimiting();
        app.MapOutboxEndpoints();

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "VoiceAssist API"));
        }
        else
        {
            // The API's description is for the people who integrate with it, not for anyone who asks.
            app.MapOpenApi().RequireAuthorization(OperatorPolicy);
        }

        return app;
    }

    /// <summary>The mediator behind <see cref="Contracts.Messaging.ISender"/> and <see cref="Contracts.Messaging.IPublisher"/>,
    /// with its behaviors in order: logging (outermost), PHI access audit, validation, transaction.</summary>
    internal static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => type => provider.GetService(type)!);
        services.AddScoped<IMediator, EveryConsumerMediator>();
        services.AddScoped<MediatRSender>();
        services.AddScoped<Contracts.Messaging.ISender>(provider => provider.GetRequiredService<MediatRSender>());
        services.AddScoped<Contracts.Messaging.IPublisher>(provider => provider.GetRequiredService<MediatRSender>());
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PhiAccessAuditBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        return services;
    }

    /// <summary>The dispatcher that drains every module's outbox, and the operator's view of it.</summary>
    internal static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<EventTypeRegistry>();
        services.AddSingleton<OutboxProcessor>();
        services.AddSingleton<OutboxMaintenance>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    /// <summary>Applies every module's pending migrations.</summary>
    public static Task MigrateDatabase(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<SqlMigrator>().MigrateAll(cancellationToken);

    private static void MapOutboxEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var outbox = endpoints.MapGroup("/api/operations/outbox").WithTags("Operations").RequireAuthorization(OperatorPolicy);
        outbox.MapGet("/backlog", (OutboxMaintenance maintenance, CancellationToken ct) => maintenance.Backlog(ct));
        outbox.MapGet("/dead-letters", (OutboxMaintenance maintenance, CancellationToken ct) => maintenance.DeadLetters(ct));
        outbox.MapPost("/dead-letters/{module}/{id:guid}/redrive", async (string module, Guid id, OutboxMaintenance maintenance, CancellationToken ct) =>
            await maintenance.Redrive(module, id, ct).ConfigureAwait(false)
                ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead-lettered message."));
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                durationMs = entry.Value.Duration.TotalMilliseconds,
                data = entry.Value.Data,
            }),
        }));
    }

    /// <summary>A signed-in caller has a budget of its own; anonymous requests share their client address's. A ward
    /// behind one NAT address thus does not share one budget between every clinician on it.</summary>
    internal static string GlobalPartition(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(Contracts.Security.VoiceAssistClaims.Subject)?.Value is { Length: > 0 } subject
            ? "user:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
        ?? throw new InvalidOperationException(
            $"ConnectionStrings:{name} is not set. Run ./scripts/dev.sh up and source .local/dev.env, or set ConnectionStrings__{name}.");
}
