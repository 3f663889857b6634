using Lens.Client;

// The web process: HTTP API, web page and dashboard on http://127.0.0.1:5080. With file storage (the default) a silo
// runs in this process too, so `dotnet run --project client` is a whole cluster; LENS_COHOST=false joins another.
LensWebApp.Create(args).Run();
