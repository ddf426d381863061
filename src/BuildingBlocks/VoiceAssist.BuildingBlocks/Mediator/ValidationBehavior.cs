using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>Runs every FluentValidation validator of the request before its handler; failures surface as a
/// 400 problem details response with field errors.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IServiceProvider services) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is IRequestEnvelope { Request: var inner })
        {
            var validatorType = typeof(IValidator<>).MakeGenericType(inner.GetType());
            var context = new ValidationContext<object>(inner);
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in services.GetServices(validatorType).Cast<IValidator>())
            {
                var result = await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
                failures.AddRange(result.Errors);
            }

            if (failures.Count > 0)
            {
                throw new ValidationException(failures);
            }
        }

        return await next().ConfigureAwait(false);
    }
}
