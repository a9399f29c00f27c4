using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using EqualFooting.Accounts;
using EqualFooting.Persistence;
using EqualFooting.Web.Accounts;
using EqualFooting.Web.Assessments;
using EqualFooting.Web.Balance;
using EqualFooting.Web.Consultations;
using EqualFooting.Web.Conversations;
using EqualFooting.Web.Decisions;
using EqualFooting.Web.Demo;
using EqualFooting.Web.FloorQuestions;
using EqualFooting.Web.Mail;
using EqualFooting.Web.Moderation;
using EqualFooting.Web.Notifications;
using EqualFooting.Web.OpenData;
using EqualFooting.Web.Outcomes;
using EqualFooting.Web.Participation;
using EqualFooting.Web.Polls;
using EqualFooting.Web.Privacy;
using EqualFooting.Web.Processes;
using EqualFooting.Web.Record;
using EqualFooting.Web.Sessions;
using EqualFooting.Web.Sessions.Attendance;
using EqualFooting.Web.Sessions.Breakouts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Hosting;

/// <summary>Composition of the web host: services, pipeline and start-up work, in the order they run.</summary>
public static class App
{
    public const string SmartScheme = "Identity.CookieOrBearer";
    public static readonly string[] Cultures = ["en", "es", "fr", "pt"];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder.Services, builder.Configuration, builder.Environment);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddEqualFootingDatabase(configuration, environment.ContentRootPath);

        // Keys live in the database so that every web node behind a load balancer accepts every other node's cookies.
        services.AddDataProtection()
            .SetApplicationName("EqualFooting")
            .PersistKeysToDbContext<EqualFootingDb>();

        services.AddIdentity<Account, IdentityRole>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): long passphrases, no forced symbols.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // Lockout is left to administrators (a lock with no end); failed attempts make the next one wait
                // instead (SignInGuard), which nobody can turn into a lever against a stranger's account.
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;

                // Every account may sign in except one registered by e-mail whose link is not yet followed (AccountConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<EqualFootingDb>()
            .AddDefaultTokenProviders();

        // A reset link works once (it is bound to the security stamp, which the reset changes) and not for long.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordReset.Lifetime);

        // Cookies are checked against the account's security stamp on every request, so signing out, a password
        // change or a reset ends the other sessions at once rather than after the default 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme);
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultAuthenticateScheme = SmartScheme;
            o.DefaultChallengeScheme = SmartScheme;
            o.DefaultForbidScheme = SmartScheme;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "equalfooting.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);

            // An API caller wants a status code, not a login page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();

        services.AddLocalization(o => o.ResourcesPath = "Resources");

        // Razor encodes everything outside Basic Latin by default ("Participaci&#xF3;n"); translated pages and
        // names like "São Paulo" are sent as UTF-8 characters instead. <, >, &, quotes are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
        });

        services.AddRazorPages(o => o.RootDirectory = "/")
            .AddViewLocalization();
        services.AddAntiforgery(o => o.Cookie.Name = "equalfooting.antiforgery");

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddOpenApi(OpenApiDocs.Configure);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRateLimiter(o => RateLimits.Configure(o, configuration));

        services.AddKernel();

        // The verifiable log is always on; only the record-append benchmark's reference run turns it off.
        RecordFeature.ConfigureLog(configuration);

        // The features: each registers its services, record actions and process-page section.
        services.AddAccounts(configuration);
        services.AddProcesses(configuration);
        services.AddParticipation();
        services.AddSessions(configuration);
        services.AddAttendance();
        services.AddPolls(configuration);
        services.AddAssessments();
        services.AddFloorQuestions(configuration);
        services.AddConsultations(configuration);
        services.AddDecisions();
        services.AddConversations();
        services.AddRecord();
        services.AddPrivacy();
        services.AddBalance();
        services.AddOpenData();
        services.AddModeration();
        services.AddNotifications(configuration);
        services.AddOutcomes(configuration);
        services.AddMail(configuration);
        services.AddHostedService<StartupTasks>();
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseExceptionHandler();

        // Pages get a friendly HTML page for error statuses; the API keeps its ProblemDetails.
        // Hubs keep a bare status too: a refused connection is not a page anyone reads.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/hubs"), b => b.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseKnownRequestCharset();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseReaderTimeZone();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<BearerStampCheck>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseCookieWriteGuard();
        app.UseHubOriginGuard();
        app.UseRateLimiter();

        app.MapHealthChecks("/healthz");
        app.MapOpenApi();
        app.MapApiReference();
        app.MapRazorPages();
        app.MapAccounts();
        app.MapProcesses();
        app.MapParticipation();
        app.MapSessions();
        app.MapAttendance();
        app.MapPolls();
        app.MapAssessments();
        app.MapFloorQuestions();
        app.MapConsultations();
        app.MapDecisions();
        app.MapConversations();
        app.MapRecord();
        app.MapPrivacy();
        app.MapBalance();
        app.MapOpenData();
        app.MapModeration();
        app.MapNotifications();
        app.MapOutcomes();
        app.MapCultureEndpoint();
    }
}
