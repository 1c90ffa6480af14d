using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Server.Jobs;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Extensions;

/// <summary>All registrations of the host, so Program.cs stays wiring only.</summary>
public static class WorkflowHostExtensions
{
    public static WebApplicationBuilder AddWorkflowHost(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("WorkflowHost").Get<WorkflowHostOptions>() ?? new WorkflowHostOptions();
        services.Configure<WorkflowHostOptions>(builder.Configuration.GetSection("WorkflowHost"));
        var storage = StorageSettings.From(builder.Configuration, options, Directory.GetCurrentDirectory(), builder.Environment.IsDevelopment());
        services.AddSingleton(storage);

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxRequestBytes);

        AddDatabase(services, storage);
        AddIdentity(services, storage, builder.Environment.IsDevelopment());
        services.AddWorkflowHostSecurity(options);
        AddHangfire(services, storage, options);
        AddEngine(services, options);
        services.AddCalendars();
        services.AddReminders(builder.Configuration, storage);

        services.AddLocalization();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Empty 401/403 answers from the auth middleware still tell the caller what to do.
            c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
            {
                401 => "Sign in first: POST /api/auth/login for a session cookie, or POST /api/auth/token and send 'Authorization: Bearer <token>'.",
                403 => "Your roles do not allow this action.",
                405 => $"{c.HttpContext.Request.Method} is not allowed on {c.HttpContext.Request.Path}.",
                _ => null,
            };
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddDbContextCheck<WorkflowDbContext>("database")
            .AddCheck<HangfireHealthCheck>("hangfire");
        services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    private static void AddDatabase(IServiceCollection services, StorageSettings storage)
    {
        // Pooled contexts: building a context's internal services per request was ~10% of the server's CPU per task
        // completion in the load test (docs/benchmarks.md). The contexts keep no state of their own, so reuse is safe.
        if (storage.IsPostgres)
        {
            services.AddDbContextPool<PostgresWorkflowDbContext>(o => o.UseNpgsql(storage.ConnectionString));
            services.AddScoped<WorkflowDbContext>(sp => sp.GetRequiredService<PostgresWorkflowDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteWorkflowDbContext>(o => o.UseSqlite(storage.ConnectionString));
            services.AddScoped<WorkflowDbContext>(sp => sp.GetRequiredService<SqliteWorkflowDbContext>());
        }
    }

    private static void AddIdentity(IServiceCollection services, StorageSettings storage, bool isDevelopment)
    {
        // The demo passwords are short; the policy is weakened for them in Development only, never in production.
        var demoPasswords = storage.SeedDemoUsers && isDevelopment;
        services.AddIdentityCore<AppUser>(o =>
            {
                // Demo passwords (admin/admin) only exist when seeding is on; production accounts come from the admin.
                o.Password.RequiredLength = demoPasswords ? 4 : 10;
                o.Password.RequireDigit = !demoPasswords;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = !demoPasswords;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkflowDbContext>()
            .AddClaimsPrincipalFactory<UnitClaimsPrincipalFactory>()
            .AddErrorDescriber<Localization.IdentityMessages>()
            .AddSignInManager();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "workflowhost";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                // An API answers 401/403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddBearerToken(IdentityConstants.BearerScheme);

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
                .RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ProcessOwner, Policies.Roles(Roles.Admin, Roles.ProcessOwner))
            .AddPolicy(Policies.Staff, Policies.Roles(Roles.Admin, Roles.Staff, Roles.Reception, Roles.Officer, Roles.Leader, Roles.Manager, Roles.ProcessOwner))
            .AddPolicy(Policies.Reception, Policies.Roles(Roles.Admin, Roles.Reception))
            .AddPolicy(Policies.Reports, Policies.Roles(Roles.Admin, Roles.Manager, Roles.Leader))
            .AddPolicy(Policies.Operator, Policies.Roles(Roles.Admin, Roles.ProcessOwner, Roles.Manager))
            .AddPolicy(Policies.Admin, Policies.Roles(Roles.Admin));
    }

    private static void AddHangfire(IServiceCollection services, StorageSettings storage, WorkflowHostOptions options)
    {
        var postgresOptions = new PostgreSqlStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
            PrepareSchemaIfNecessary = true,
            SchemaName = "hangfire",
        };
        JobStorage jobStorage = storage.IsPostgres
            ? new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(storage.JobsConnectionString, postgresOptions), postgresOptions)
            : new InMemoryStorage();
        services.AddSingleton(jobStorage);
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(jobStorage));
        services.AddHangfireServer(o =>
        {
            o.SchedulePollingInterval = options.SchedulePollingInterval;
            o.WorkerCount = options.HangfireWorkers ?? Environment.ProcessorCount * 4;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
    }

    private static void AddEngine(IServiceCollection services, WorkflowHostOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        services.AddSingleton(sp => new BpmnEngine(new EngineOptions
        {
            TimeZone = zone, Calendar = new EngineCalendar(sp), MaxVariablesBytes = options.MaxInstanceVariablesBytes,
            Messages = sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<WorkflowHost.Engine.Validation.ValidationMessages>>(),
        }));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DefinitionCatalog>();
        services.AddScoped<DefinitionService>();
        services.AddScoped<DesignerService>();
        services.AddScoped<InstanceCommandService>();
        services.AddScoped<InstanceQueries>();
        services.AddScoped<ProcedureOwners>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<Notifications.LiveConnections>();
        services.AddScoped<TaskService>();
        services.AddScoped<MessageService>();
        services.AddScoped<SignalService>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<OutboxJobs>();
        services.AddScoped<IncidentService>();
        services.AddScoped<EffectDispatcher>();
        services.AddScoped<IJobScheduling, JobScheduling>();
        services.AddScoped<TimerJobs>();
        services.AddScoped<ServiceJobRunner>();
        services.AddScoped<StartupTasks>();
        services.AddScoped<StartTimerService>();
        services.AddScoped<MigrationPlanner>();
        services.AddScoped<MigrationService>();
        services.AddScoped<MigrationRunner>();
        services.AddScoped<MigrationJobs>();
        services.AddOneStop(options);
        services.AddSingleton<IServiceTaskHandler, NotifyHandler>();
        services.AddSingleton<ServiceTaskHandlers>();
    }

    public static WebApplication UseWorkflowHost(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // Only the UI culture follows Accept-Language (messages to staff in Vietnamese or English); formatting stays
        // culture-invariant, so numbers, dates and exports read the same whatever the caller's language.
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(System.Globalization.CultureInfo.InvariantCulture, new System.Globalization.CultureInfo("en")),
            SupportedCultures = [System.Globalization.CultureInfo.InvariantCulture],
            SupportedUICultures = [new System.Globalization.CultureInfo("en"), new System.Globalization.CultureInfo("vi")],
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseSessionRevocation();
        app.UsePasswordChangeGate();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("WorkflowHost API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AsyncAuthorization = [new HangfireAdminAuthorization()] })
            .RequireAuthorization(Policies.Admin);
        app.UseWebApp();
        return app;
    }

    /// <summary>Migrates, seeds, deploys workflows/, reconciles timers and prints where to go.</summary>
    public static async Task PrepareWorkflowHostAsync(this WebApplication app)
    {
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StartupTasks>().RunAsync(CancellationToken.None);
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<TimerJobs>("timer-horizon", j => j.PromoteAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ServiceJobRunner>("service-job-reconciler", j => j.ReconcileAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<OutboxJobs>("outbox-reconciler", j => j.ReconcileAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<MigrationJobs>("migration-resumer", j => j.ResumeAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Reminders.ReminderJobs>("reminder-horizon", j => j.PromoteAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Notifications.EmailJobs>("email-reconciler", j => j.ReconcileAsync(CancellationToken.None), Cron.Minutely());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var storage = app.Services.GetRequiredService<StorageSettings>();
            var urls = string.Join(", ", app.Urls);
            app.Logger.LogWarning("WorkflowHost is ready at {Urls} (storage: {Storage}). API docs: /api/docs, health: /health{Users}",
                urls, storage.Describe(), storage.SeedDemoUsers ? ". Demo sign-in: admin/admin (see README for staff accounts)" : "");
        });
    }
}
