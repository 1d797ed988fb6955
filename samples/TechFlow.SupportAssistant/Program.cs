Console.WriteLine("TechFlow sample: coming together.");
