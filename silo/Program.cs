using Lens.Runtime.Messaging;
using Lens.Silo;

// One silo: storage, port and capabilities come from appsettings.json and LENS_* environment variables.
var builder = WebApplication.CreateBuilder(args);
builder.AddLensSiloFromConfiguration();

var app = builder.Build();
app.MapLensSilo();
app.Run();
