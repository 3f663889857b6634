using System.Runtime.InteropServices;

namespace Lens.Tests.Azurite;

/// <summary>Sends SIGTERM, SIGSTOP and SIGCONT, which .NET's Process API cannot (Kill is SIGKILL).</summary>
internal static partial class PosixSignal
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    public static void Freeze(int pid) => _ = Kill(pid, SigStop);

    public static void Thaw(int pid) => _ = Kill(pid, SigCont);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
