using Lens.Client;
using Lens.Client.Apis;

// The cluster client with its HTTP API. With the file store (default) a silo runs in this process too,
// so `dotnet run --project client` is a whole single-node cluster; LENS_COHOST=false joins an existing one.
var builder = WebApplication.CreateBuilder(args);
builder.AddLensClient();

var app = builder.Build();
app.MapLensClient();
app.MapClusterApi();
app.Run();
