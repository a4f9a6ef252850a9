System.Console.WriteLine(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated + " " + System.Numerics.Vector<float>.Count);
