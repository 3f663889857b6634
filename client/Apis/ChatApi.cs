using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Orleans;

namespace Lens.Client.Apis;

/// <summary>
/// <c>POST /api/chat/with-activations</c> (the whole turn as JSON) and <c>POST /api/chat/stream</c> (server-sent
/// events: <c>token</c> per generated token, then <c>done</c>, or <c>error</c>). A body without
/// <c>conversation_id</c> starts a conversation with <c>model</c>.
/// </summary>
public static class ChatApi
{
    /// <summary>
    /// The longest a turn may stay silent. A waiting conversation sends a keep-alive every second (an update with
    /// neither token nor result), so silence this long means the silo or gateway carrying the turn died; Orleans would
    /// only fail the call at its response timeout.
    /// </summary>
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(4);

    /// <summary>Body of both chat routes.</summary>
    /// <param name="TurnId">Makes a retry safe: a turn already recorded under this id is answered from the record.</param>
    public sealed record ChatBody(Guid? ConversationId, string? Model, string? Message, int? MaxNewTokens, float? Temperature,
        int? TopK, float? TopP, ulong? Seed, Guid? TurnId = null);

    // Which turn a request is: what a client needs to retry it safely after a lost answer.
    private sealed record TurnAddress(Guid Conversation, Guid Turn);

    /// <summary>A recorded turn: positions are [start, end).</summary>
    public sealed record ChatResponse(Guid ConversationId, string Response, string FinishReason, TokenView[] Tokens,
        int[] PromptPositions, int[] ResponsePositions);

    /// <summary>One streamed token.</summary>
    public sealed record StreamedToken(int Position, int Id, string Text);

    public static RouteGroupBuilder MapChatApi(this RouteGroupBuilder api)
    {
        api.MapPost("/chat/with-activations", WithActivations).WithName("ChatWithActivations");
        api.MapPost("/chat/stream", Stream).WithName("ChatStream");
        return api;
    }

    private static async Task<IResult> WithActivations(ClaimsPrincipal user, IGrainFactory grains, HttpRequest request)
    {
        var (updates, address) = await Begin(user.Id(), grains, request);
        await using var _ = updates;
        try
        {
            do
            {
                if (updates.Current.Done is { } done) return ApiJson.Ok(Response(done));
            }
            while (await updates.MoveNextAsync());
        }
        catch (Exception e) when (TurnLost(e, address) is { } lost)
        {
            throw lost;
        }
        throw new InvalidOperationException("the chat ended without recording its turn");
    }

    private static async Task<IResult> Stream(ClaimsPrincipal user, IGrainFactory grains, HttpRequest request)
    {
        // The turn is started (and validated) before the response begins, so refusals are plain HTTP problems.
        var (updates, address) = await Begin(user.Id(), grains, request);
        return TypedResults.ServerSentEvents(Events(updates, address, request.HttpContext.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerator<ChatUpdate> updates, TurnAddress address, [EnumeratorCancellation] CancellationToken aborted)
    {
        await using (updates)
        {
            var more = true;
            while (more && !aborted.IsCancellationRequested)
            {
                var update = updates.Current;
                if (update.Token is { } t) yield return Event("token", new StreamedToken(t.Position, t.Id, t.Text));
                if (update.Done is { } done) yield return Event("done", Response(done));
                SseItem<string>? error = null;
                try { more = await updates.MoveNextAsync(); }
                catch (Exception e)
                {
                    error = Event("error", (TurnLost(e, address) ?? ProblemMapping.ToProblem(e)).ToDetails());
                    more = false;
                }
                if (error is { } failed) yield return failed;
            }
        }
    }

    /// <summary>
    /// The 503 for a turn whose call into the cluster broke (its silo or gateway died, the call timed out, or a grain
    /// came back on another silo without the turn's enumerator), or null for any other failure. The conversation records
    /// a turn in one event only once its answer is complete, so a broken turn is not saved — unless it broke in the
    /// instant between that event and its acknowledgement; retrying with the same turn id answers such a turn from the
    /// record instead of adding it twice.
    /// </summary>
    private static ApiProblem? TurnLost(Exception e, TurnAddress turn) => e is OrleansException or TimeoutException or EnumerationAbortedException
        ? new ApiProblem(StatusCodes.Status503ServiceUnavailable,
            $"the silo serving this turn was lost before the answer was complete, so the turn was not saved; retry the message with " +
            $"conversation_id {turn.Conversation} and turn_id {turn.Turn} (a turn saved just before the loss is then answered, not repeated). ({FirstLine(e.Message)})")
        : null;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static SseItem<string> Event<T>(string type, T data) => new(JsonSerializer.Serialize(data, ApiJson.Options), type);

    private static ChatResponse Response(ChatTurnResult r) =>
        new(r.ConversationId, r.Response, r.FinishReason, r.Tokens, [r.PromptStart, r.PromptEnd], [r.ResponseStart, r.ResponseEnd]);

    // The turn's tokens and result without its keep-alives; a silence longer than Silence fails the turn as lost.
    private static async IAsyncEnumerable<ChatUpdate> Heard(IAsyncEnumerable<ChatUpdate> turn, [EnumeratorCancellation] CancellationToken aborted)
    {
        var updates = turn.GetAsyncEnumerator(aborted);
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                next = updates.MoveNextAsync().AsTask();
                if (!await Within(next, aborted)) yield break;
                if (updates.Current is { Token: null, Done: null }) continue;
                yield return updates.Current;
            }
        }
        finally
        {
            var release = Release(updates, next);
            if (next is null || next.IsCompleted) await release;
        }
    }

    // The next update, or a TimeoutException naming the silence when none comes within Silence.
    private static async Task<bool> Within(Task<bool> next, CancellationToken aborted)
    {
        try
        {
            return await next.WaitAsync(Silence, aborted);
        }
        catch (TimeoutException) when (!next.IsCompleted)
        {
            throw new TimeoutException($"nothing came from the cluster for {Silence.TotalSeconds:0} s");
        }
    }

    // An enumerator is not disposed under a pending read: one cut off by Silence ends at Orleans' response timeout, and
    // then it is. Failures here change nothing for the caller, who has the turn's outcome (or its failure) already.
    private static async Task Release(IAsyncEnumerator<ChatUpdate> updates, Task<bool>? next)
    {
        if (next is not null) await Quietly(next);
        await Quietly(updates.DisposeAsync().AsTask());
    }

    private static async Task Quietly(Task task)
    {
        try { await task; }
        catch (Exception) { /* see Release */ }
    }

    // Reads and checks the body, starts the conversation if needed, and waits for the turn's first update.
    private static async Task<(IAsyncEnumerator<ChatUpdate> Updates, TurnAddress Address)> Begin(string user, IGrainFactory grains, HttpRequest request)
    {
        var body = await ApiBody.Read<ChatBody>(request);
        var sampling = Sampling(body);
        if (body.Message is null) throw ApiProblem.Invalid("message", "message is required");
        if (body.Message.Length > ConversationLimits.MaxMessageChars)
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, $"message has {body.Message.Length} characters; at most {ConversationLimits.MaxMessageChars}", "message");
        IConversationGrain conversation;
        if (body.ConversationId is { } id)
        {
            conversation = grains.GetGrain<IConversationGrain>(id);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(body.Model)) throw ApiProblem.Invalid("model", "give conversation_id to continue a conversation, or model to start one");
            conversation = grains.GetGrain<IConversationGrain>(Guid.NewGuid());
            await conversation.Start(user, body.Model, null);
        }
        var address = new TurnAddress(conversation.GetPrimaryKey(), body.TurnId ?? Guid.NewGuid());
        var updates = Heard(conversation.Chat(user, new ChatTurnRequest(body.Message, sampling, address.Turn)), request.HttpContext.RequestAborted).GetAsyncEnumerator();
        try
        {
            if (!await updates.MoveNextAsync()) throw new InvalidOperationException("the chat ended before its first update");
            return (updates, address);
        }
        catch (Exception e)
        {
            await updates.DisposeAsync();
            if (TurnLost(e, address) is { } lost) throw lost;
            throw;
        }
    }

    private static SamplingOptions Sampling(ChatBody b)
    {
        var max = b.MaxNewTokens ?? 64;
        if (max is < 1 or > ConversationLimits.MaxNewTokens) throw ApiProblem.Invalid("max_new_tokens", $"max_new_tokens must be in 1..{ConversationLimits.MaxNewTokens}, got {max}");
        var temperature = b.Temperature ?? 0;
        if (!(temperature is >= 0 and <= 10)) throw ApiProblem.Invalid("temperature", $"temperature must be in 0..10, got {temperature}");
        var topK = b.TopK ?? 0;
        if (topK < 0) throw ApiProblem.Invalid("top_k", $"top_k must be ≥ 0 (0 = no cut), got {topK}");
        var topP = b.TopP ?? 1;
        if (!(topP is > 0 and <= 1)) throw ApiProblem.Invalid("top_p", $"top_p must be in (0, 1], got {topP}");
        return new SamplingOptions(max, temperature, topK, topP, b.Seed ?? 0);
    }
}
