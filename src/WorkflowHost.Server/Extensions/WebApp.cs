using Microsoft.Net.Http.Headers;

namespace WorkflowHost.Server.Extensions;

/// <summary>
/// Serves the web app (designer/, built into wwwroot/ by this project's build): its static files, index.html at "/",
/// and index.html for any other GET that no endpoint matched, that names no file and is not under /api or /hangfire
/// (the app routes with #/..., so this is only for hand-typed paths). API answers are untouched: an unknown /api path
/// is still a 404 problem, a wrong method still a 405.
/// </summary>
public static class WebApp
{
    public static WebApplication UseWebApp(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (context.GetEndpoint() is null
                && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && !request.Path.StartsWithSegments("/api")
                && !request.Path.StartsWithSegments("/hangfire")
                && !Path.HasExtension(request.Path.Value))
            {
                request.Path = "/index.html";
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            // Vite names assets by content hash: cache them for good; index.html is always revalidated.
            OnPrepareResponse = c => c.Context.Response.Headers[HeaderNames.CacheControl] =
                c.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        return app;
    }
}
