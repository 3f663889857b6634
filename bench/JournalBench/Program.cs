Console.WriteLine("journal bench: not yet written");
