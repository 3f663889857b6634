// The product tests check the serving internals (attention tables, fair queue) against the engine directly.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Product.Tests")]
