using Lens.Runtime.Scheduling;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Messaging;

/// <summary>Maps what a call threw to the wire error the caller sees.</summary>
internal static class CallErrors
{
    public static CallResponse From(Exception exception, GrainId grainId, string method, bool deadlinePassed)
    {
        return exception switch
        {
            GrainCallException call => CallResponse.Fail(call.Kind, call.Message, call.RemoteExceptionType),
            JournalConflictException conflict => CallResponse.Fail(GrainCallErrorKind.JournalConflict, conflict.Message),
            StorageUnavailableException outage => CallResponse.Fail(GrainCallErrorKind.StorageUnavailable, outage.Message),
            OperationCanceledException when deadlinePassed => CallResponse.Fail(GrainCallErrorKind.DeadlineExceeded, $"{grainId}.{method} missed its deadline."),
            OperationCanceledException => CallResponse.Fail(GrainCallErrorKind.Cancelled, $"{grainId}.{method} was cancelled."),
            ActivationRejectedException => CallResponse.Fail(GrainCallErrorKind.SiloUnavailable, exception.Message),
            _ => CallResponse.Fail(GrainCallErrorKind.GrainFault, $"{grainId}.{method} threw {exception.GetType().Name}: {exception.Message}", exception.GetType().FullName),
        };
    }
}
