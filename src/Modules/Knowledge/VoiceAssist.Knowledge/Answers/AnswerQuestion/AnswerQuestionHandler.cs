using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Answers.AnswerQuestion;

internal sealed class AnswerQuestionValidator : AbstractValidator<Contracts.AnswerQuestion>
{
    public AnswerQuestionValidator() => RuleFor(q => q.Question).NotEmpty().MaximumLength(2000);
}

internal sealed class AnswerQuestionHandler(IAnswerComposer composer) : IRequestHandler<Contracts.AnswerQuestion, KnowledgeAnswer>
{
    public Task<KnowledgeAnswer> Handle(Contracts.AnswerQuestion request, CancellationToken cancellationToken) =>
        composer.Answer(request.Question.Trim(), request.Filters, cancellationToken, Guid.TryParse(request.CallerId, out var caller) ? caller : null);
}

internal static class AnswerQuestionEndpoint
{
    public static void Map(RouteGroupBuilder knowledge) =>
        knowledge.MapPost("/answers", (Contracts.AnswerQuestion request, ICurrentUser user, ISender sender, CancellationToken ct) =>
                sender.Send(request with { CallerId = user.UserId?.ToString() }, ct))
            .WithName("AnswerQuestion")
            .ProducesValidationProblem();
}
