using System.Threading.Channels;
using Lens.Engine.Inference;
using Lens.Engine.Sampling;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// One generation in flight: its session, what it feeds next, its sampler and the channel its tokens go out on.
/// The last token is fed once more before it is sent, so every position of the conversation has its residuals.
/// </summary>
internal sealed class DecodeStream
{
    private readonly Channel<GeneratedToken> _out = Channel.CreateUnbounded<GeneratedToken>(new() { SingleReader = true, SingleWriter = true });
    private readonly Sampler _sampler;
    private readonly int _contextLength;
    private readonly IReadOnlySet<int> _stops;
    private readonly Func<int, string> _tokenText;
    private int[] _next;
    private int _produced;
    private GeneratedToken? _last;
    private volatile bool _cancelled;

    public DecodeStream(GenerationRequest request, InferenceSession session, List<int> held, ModelConfig config, Func<int, string> tokenText)
    {
        Request = request;
        Session = session;
        Held = held;
        _sampler = new Sampler(new GenerationOptions
        {
            MaxNewTokens = request.Sampling.MaxNewTokens, Temperature = request.Sampling.Temperature,
            TopK = request.Sampling.TopK, TopP = request.Sampling.TopP, Seed = request.Sampling.Seed,
        });
        _contextLength = config.ContextLength;
        _stops = config.EosTokenIds.ToHashSet();
        _tokenText = tokenText;
        _next = request.Ids[held.Count..];
    }

    public GenerationRequest Request { get; }
    public Guid ConversationId => Request.ConversationId;
    public InferenceSession Session { get; }
    /// <summary>The ids the session has fed (its KV cache).</summary>
    public List<int> Held { get; }
    public ChannelReader<GeneratedToken> Tokens => _out.Reader;
    public bool Cancelled => _cancelled;
    /// <summary>Decoding is over; the step in progress feeds the last token for its residuals.</summary>
    public bool Finishing => _last is not null;
    public bool IsPrefill => Held.Count == 0 || _next.Length > 1;

    public SessionStep NextStep() => new(Session, _next);

    public void Cancel()
    {
        _cancelled = true;
        _out.Writer.TryComplete();
    }

    /// <summary>After a step: the fed ids are held; picks the next token from <paramref name="logits"/> unless finishing.</summary>
    /// <returns>True when the stream is complete and leaves the batch.</returns>
    public bool Advance(float[] logits)
    {
        Held.AddRange(_next);
        if (_last is not null)
        {
            _out.Writer.TryWrite(_last);
            _out.Writer.TryComplete();
            return true;
        }
        var id = _sampler.Next(logits);
        var position = Held.Count;
        _produced++;
        var reason = _stops.Contains(id) ? "stop_token"
            : _produced >= Request.Sampling.MaxNewTokens ? "length"
            : position + 1 >= _contextLength ? "context_length"
            : null;
        var token = new GeneratedToken(position, id, _tokenText(id), reason);
        if (reason is null) _out.Writer.TryWrite(token);
        else _last = token;
        _next = [id];
        return false;
    }

    public void Fail(Exception error) => _out.Writer.TryComplete(error);
}
