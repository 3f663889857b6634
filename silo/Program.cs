using Lens.Silo.Hosting;

// One silo, configured by LENS_* environment variables (see silo/README.md); no HTTP endpoint of its own.
var builder = Host.CreateApplicationBuilder(args);
builder.AddLensSilo();
builder.Build().Run();
