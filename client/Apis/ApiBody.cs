using System.Text.Json;

namespace Lens.Client.Apis;

/// <summary>Reads a JSON request body with the API's names, bounded in size, failing with the field at fault.</summary>
public static class ApiBody
{
    /// <summary>Largest request body accepted, in bytes (413 beyond).</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<T> Read<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > MaxBytes)
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, $"request body of {request.ContentLength} bytes is over the limit of {MaxBytes}");
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, $"request body is over the limit of {MaxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw ApiProblem.Invalid("body", "a JSON body is required");
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options)
                ?? throw ApiProblem.Invalid("body", "the JSON body is null");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw ApiProblem.Invalid(field, $"invalid JSON at '{field}': {e.Message.Split(" Path:")[0]}");
        }
    }
}
