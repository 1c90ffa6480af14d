using WorkflowHost.Server.Apis;
using WorkflowHost.Server.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflowHost();

var app = builder.Build();
app.UseWorkflowHost();
app.MapAuthApi();
app.MapDefinitionsApi();
app.MapDesignerApi();
app.MapInstancesApi();
app.MapTasksApi();
app.MapMessagesApi();
app.MapSignalsApi();
app.MapIncidentsApi();
app.MapPublicApi();
app.MapDossiersApi();
app.MapReferenceDataApi();
app.MapCalendarsApi();
app.MapMigrationsApi();
app.MapUnitsApi();
app.MapRoutingApi();
app.MapCustodyApi();
app.MapCutoverApi();
app.MapDeadlinesApi();
app.MapReportsApi();
app.MapNotificationsApi();
app.MapUsersApi();
await app.PrepareWorkflowHostAsync();
app.Run();

/// <summary>Entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
