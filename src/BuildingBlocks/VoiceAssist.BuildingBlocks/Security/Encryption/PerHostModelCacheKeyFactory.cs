using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace VoiceAssist.BuildingBlocks.Security.Encryption;

/// <summary>Keys EF Core's model cache on the host's <see cref="IFieldEncryptor"/> as well as the context type. The
/// model holds the value converters of encrypted columns, and with them the encryptor they were built with; EF Core
/// otherwise shares one model per context type across every host in the process, so a second host (a test's, a
/// worker's) would encrypt under the first host's key ring.</summary>
internal sealed class PerHostModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applicationServices = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return (context.GetType(), designTime, applicationServices?.GetService(typeof(IFieldEncryptor)));
    }
}
