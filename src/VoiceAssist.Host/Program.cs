using VoiceAssist.Admin;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.Compliance;
using VoiceAssist.Identity;
using VoiceAssist.Integrations;
using VoiceAssist.Knowledge;
using VoiceAssist.Voice;

var builder = WebApplication.CreateBuilder(args);

builder.AddVoiceAssistPlatform(logRedactor: ComplianceModule.LogRedactor);
builder.AddIdentityModule();
builder.AddVoiceModule();
builder.AddKnowledgeModule();
builder.AddIntegrationsModule();
builder.AddAdminModule();
builder.AddComplianceModule();

var app = builder.Build();

if (args.Contains("--migrate"))
{
    await app.Services.MigrateDatabase();
    return;
}

if (app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment()))
{
    await app.Services.MigrateDatabase();
}

if (await app.RunIdentityCommand(args))
{
    return;
}

app.UseVoiceAssistPlatform();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapIdentityEndpoints();
app.MapVoiceEndpoints();
app.MapKnowledgeEndpoints();
app.MapIntegrationsEndpoints();
app.MapAdminEndpoints();
app.MapComplianceEndpoints();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
