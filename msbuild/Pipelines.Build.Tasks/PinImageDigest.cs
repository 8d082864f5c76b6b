using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;

namespace Pipelines.Build.Tasks;

/// <summary>
/// After <c>PublishContainer</c>, replaces the step image reference in the emitted manifests (<c>image:
/// repo:tag</c>) with the immutable reference of the image just pushed (<c>image: repo@sha256:...</c>), so a GitOps
/// deploy runs exactly the image that was built. Only <c>image:</c> values equal to <see cref="Image"/> change; the
/// rest of each file is kept byte for byte.
/// </summary>
public sealed class PinImageDigest : Microsoft.Build.Utilities.Task
{
    private static readonly Regex DigestPattern = new("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex ImageLine = new("^(?<lead>\\s*(?:-\\s+)?image:\\s*)(?<quote>['\"]?)(?<value>[^'\"#\\s]+)\\k<quote>(?<trail>\\s*)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The manifest files to rewrite.</summary>
    [Required]
    public ITaskItem[] ManifestFiles { get; set; } = [];

    /// <summary>The image reference the manifests carry (<c>$(PipelinesImage)</c>).</summary>
    [Required]
    public string Image { get; set; } = string.Empty;

    /// <summary>The digest of the pushed image (<c>sha256:...</c>).</summary>
    public string Digest { get; set; } = string.Empty;

    /// <summary>The pinned reference written into the manifests.</summary>
    [Output]
    public string PinnedImage { get; set; } = string.Empty;

    /// <inheritdoc/>
    public override bool Execute()
    {
        var digest = (Digest ?? string.Empty).Trim();
        if (!DigestPattern.IsMatch(digest))
        {
            Log.LogError(null, BuildCodes.DigestInvalid.Code, BuildCodes.DigestInvalid.Code, null, 0, 0, 0, 0,
                "cannot pin the step image '" + Image + "': PublishContainer reported the digest '" + digest + "', not sha256:<64 hex digits> (a multi-platform publish has no single image digest; publish one RuntimeIdentifier)");
            return false;
        }

        PinnedImage = Pin(Image, digest);
        foreach (var item in ManifestFiles)
        {
            var file = item.GetMetadata("FullPath");
            try
            {
                var text = File.ReadAllText(file);
                var (rewritten, count) = Rewrite(text, Image, PinnedImage);
                if (count > 0)
                {
                    File.WriteAllText(file, rewritten, new UTF8Encoding(false));
                    Log.LogMessage(MessageImportance.Normal, "PinImageDigest: {0}: {1} image reference(s) pinned to {2}.", file, count, PinnedImage);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, BuildCodes.PinWriteFailed.Code, BuildCodes.PinWriteFailed.Code, file, 0, 0, 0, 0, "cannot pin the step image in " + file + ": " + e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary><c>registry/repo:tag</c> (or <c>registry/repo@old</c>) to <c>registry/repo@digest</c>.</summary>
    /// <param name="image">The image reference.</param>
    /// <param name="digest">The digest.</param>
    public static string Pin(string image, string digest)
    {
        image ??= string.Empty;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var repository = at >= 0 ? image.Substring(0, at) : image;
        var slash = repository.LastIndexOf('/');
        var colon = repository.LastIndexOf(':');
        if (colon > slash)
        {
            repository = repository.Substring(0, colon);
        }

        return repository + "@" + digest;
    }

    /// <summary>Replaces every <c>image:</c> value equal to <paramref name="image"/>; returns the text and the count.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="image">The value to replace.</param>
    /// <param name="pinned">The new value.</param>
    public static (string Text, int Count) Rewrite(string text, string image, string pinned)
    {
        var count = 0;
        var lines = new List<string>((text ?? string.Empty).Split('\n'));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var carriage = line.EndsWith('\r');
            var body = carriage ? line.Substring(0, line.Length - 1) : line;
            var match = ImageLine.Match(body);
            if (match.Success && string.Equals(match.Groups["value"].Value, image, StringComparison.Ordinal))
            {
                lines[i] = match.Groups["lead"].Value + match.Groups["quote"].Value + pinned + match.Groups["quote"].Value + match.Groups["trail"].Value + (carriage ? "\r" : string.Empty);
                count++;
            }
        }

        return (string.Join("\n", lines), count);
    }
}
