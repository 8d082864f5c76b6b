using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Argo.Model;
using Pipelines.Runner.Expressions;

namespace Pipelines.Runner.Executors;

/// <summary>
/// Runs HTTP templates with <see cref="HttpClient"/> (MISC-03): <c>outputs.result</c> is the response body;
/// <c>successCondition</c> is an expression over <c>response.statusCode</c>, <c>response.body</c> and
/// <c>response.headers</c>; without one, a status below 400 succeeds.
/// </summary>
public sealed class HttpExecutor(HttpClient client) : ILeafExecutor
{
    /// <inheritdoc/>
    public bool CanRun(Template template, RunNode node) => template?.Http is not null;

    /// <inheritdoc/>
    public async Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Template.Http!;
        using var message = new HttpRequestMessage(new HttpMethod(string.IsNullOrEmpty(http.Method) ? "GET" : http.Method), http.Url);
        foreach (var h in http.Headers ?? [])
        {
            if (h.Name is not null && h.Value is not null)
            {
                message.Headers.TryAddWithoutValidation(h.Name, h.Value);
            }
        }

        if (http.Body is not null)
        {
            message.Content = new StringContent(http.Body, Encoding.UTF8);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (http.TimeoutSeconds is { } seconds && seconds > 0)
        {
            cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return new LeafResult
            {
                Phase = NodePhase.Failed,
                Message = "HTTP request failed: " + e.Message,
                CannotRunReason = e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } ? "the HTTP endpoint is not reachable from this machine: " + e.Message : null,
            };
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            bool ok;
            if (!string.IsNullOrEmpty(http.SuccessCondition))
            {
                var env = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["response"] = new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["statusCode"] = (long)status,
                        ["body"] = body,
                        ["headers"] = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => (object?)h.Value.Cast<object?>().ToList(), StringComparer.Ordinal),
                    },
                };
                try
                {
                    ok = Expr.Evaluate(http.SuccessCondition, env) is true;
                }
                catch (ExprException e)
                {
                    return new LeafResult { Phase = NodePhase.Error, Stdout = body, Message = "successCondition failed: " + e.Message };
                }
            }
            else
            {
                ok = status < 400;
            }

            return new LeafResult
            {
                Phase = ok ? NodePhase.Succeeded : NodePhase.Failed,
                Stdout = body,
                Message = ok ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"received non-successful response code {status}"),
            };
        }
    }
}
