using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.BuildingBlocks.Security.Encryption;

namespace VoiceAssist.BuildingBlocks.Modules;

/// <summary>What every module's <c>Add&lt;Module&gt;Module</c> calls: its DbContext on the shared data source, its
/// request handlers and event consumers, found in its own assembly, and its FluentValidation validators
/// (<c>AddValidatorsFromAssembly</c>).</summary>
public static class ModuleRegistration
{
    public static ModuleDescriptor AddModule<TDbContext>(this WebApplicationBuilder builder, string name, string schema)
        where TDbContext : ModuleDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddModule<TDbContext>(name, schema);
    }

    public static ModuleDescriptor AddModule<TDbContext>(this IServiceCollection services, string name, string schema)
        where TDbContext : ModuleDbContext
    {
        var module = new ModuleDescriptor(name, schema, typeof(TDbContext), typeof(TDbContext).Assembly);
        services.AddSingleton(module);
        services.AddDbContext<TDbContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .ReplaceService<IModelCacheKeyFactory, PerHostModelCacheKeyFactory>());
        services.AddModuleHandlers(module);
        // The module's validators (internal ones too), each for the requests of its own module only.
        services.AddValidatorsFromAssembly(module.Assembly, ServiceLifetime.Transient, scan => module.Owns(scan.ValidatorType), includeInternalTypes: true);
        return module;
    }

    internal static void AddModuleHandlers(this IServiceCollection services, ModuleDescriptor module)
    {
        var ownership = services.GetOrAddSingletonInstance(() => new RequestOwnership());
        foreach (var type in module.Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && module.Owns(t)))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>))
                {
                    var (request, response) = (contract.GenericTypeArguments[0], contract.GenericTypeArguments[1]);
                    services.AddScoped(contract, type);
                    services.AddScoped(
                        typeof(MediatR.IRequestHandler<,>).MakeGenericType(typeof(RequestEnvelope<,>).MakeGenericType(request, response), response),
                        typeof(RequestEnvelopeHandler<,>).MakeGenericType(request, response));
                    ownership.Add(request, module.DbContextType);
                }
                else if (definition == typeof(IIntegrationEventConsumer<>))
                {
                    services.AddEventConsumer(contract.GenericTypeArguments[0], type);
                }
            }
        }
    }

    /// <summary>Registers <paramref name="consumerType"/> for <paramref name="eventType"/>. The module scan does this for
    /// every consumer class; a module calls it itself for one generic consumer closed over several event types.</summary>
    public static IServiceCollection AddEventConsumer(this IServiceCollection services, Type eventType, Type consumerType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        services.AddScoped(consumerType);
        services.AddScoped(
            typeof(MediatR.INotificationHandler<>).MakeGenericType(typeof(EventNotification<>).MakeGenericType(eventType)),
            provider => Activator.CreateInstance(
                typeof(EventNotificationHandler<>).MakeGenericType(eventType),
                provider.GetRequiredService(consumerType))!);
        services.AddSingleton(new ConsumedEventType(eventType));
        return services;
    }

    private static T GetOrAddSingletonInstance<T>(this IServiceCollection services, Func<T> create)
        where T : class
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance is T existing)
        {
            return existing;
        }

        var instance = create();
        services.TryAddSingleton(instance);
        return instance;
    }
}
