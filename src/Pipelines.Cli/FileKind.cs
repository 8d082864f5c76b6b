using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Pipelines.Cli;

/// <summary>What a path is, without opening it (opening a FIFO blocks until something writes to it).</summary>
internal enum FileKindValue
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A FIFO (named pipe).</summary>
    Fifo,

    /// <summary>A character or block device.</summary>
    Device,

    /// <summary>A socket.</summary>
    Socket,

    /// <summary>Nothing there, or its kind could not be learned.</summary>
    Unknown,
}

/// <summary>Learns the kind of a path from stat(2) (following links), through the .NET runtime's own native shim.</summary>
internal static class FileKind
{
    // The runtime's System.Native shim (shipped with every .NET runtime on Unix) exposes stat(2) with a fixed layout:
    // int32 Flags, int32 Mode, ... The file type bits of Mode use the POSIX values below on every Unix.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    public static FileKindValue Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return System.IO.Directory.Exists(path) ? FileKindValue.Directory : File.Exists(path) ? FileKindValue.Regular : FileKindValue.Unknown;
        }

        try
        {
            var status = new byte[512];
            if (Stat(path, status) != 0)
            {
                return FileKindValue.Unknown;
            }

            return (BitConverter.ToInt32(status, 4) & TypeMask) switch
            {
                Regular => FileKindValue.Regular,
                Directory => FileKindValue.Directory,
                Fifo => FileKindValue.Fifo,
                CharDevice or BlockDevice => FileKindValue.Device,
                Socket => FileKindValue.Socket,
                _ => FileKindValue.Unknown,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the shim, fall back to what .NET says; reading is still bounded by the reader's byte budget.
            return System.IO.Directory.Exists(path) ? FileKindValue.Directory : File.Exists(path) ? FileKindValue.Regular : FileKindValue.Unknown;
        }
    }

    /// <summary>A short description for messages.</summary>
    public static string Describe(FileKindValue kind) => kind switch
    {
        FileKindValue.Fifo => "a FIFO (named pipe)",
        FileKindValue.Device => "a device",
        FileKindValue.Socket => "a socket",
        FileKindValue.Directory => "a folder",
        _ => "not a regular file",
    };

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] output);
}
