// Types that netstandard2.0 lacks but the C# compiler needs by name (records with init accessors).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
