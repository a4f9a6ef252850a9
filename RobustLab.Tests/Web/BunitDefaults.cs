using System.Runtime.CompilerServices;

namespace RobustLab.Tests.Web;

internal static class BunitDefaults
{
    // NOTE: bunit waits 1 s by default for a render to satisfy WaitForAssertion/WaitForState; the test run shares two cores
    // with Chromium and several app servers, so a component's answer may come later than that without being wrong.
    [ModuleInitializer]
    internal static void Initialize() => Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
