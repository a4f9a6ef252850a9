// The MSBuild task of LibTorchSharpLoader.targets (read that file first): marks version requirements of an ELF shared
// library weak (VER_FLG_WEAK in .gnu.version_r), after checking that it is safe, and only when the system lacks them.
// ELF64 little-endian only (linux-x64). Layouts: System V gABI and the LSB "Symbol Versioning" chapter:
//   Elf64_Shdr  name u32, type u32, flags u64, addr u64, offset u64, size u64, link u32, info u32, align u64, entsize u64
//   Elf64_Verneed  vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
//   Elf64_Vernaux  vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
//   Elf64_Sym  st_name u32, st_info u8, st_other u8, st_shndx u16, st_value u64, st_size u64   (24 bytes)
//   Elf64_Rela r_offset u64, r_info u64 (symbol index = r_info >> 32), r_addend i64            (24 bytes)
// Written against netstandard (what RoslynCodeTaskFactory compiles with): byte arrays and BitConverter only.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkWeakVersion : Task
{
    private const uint ShtRela = 4, ShtDynsym = 11, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 0x2;

    // The directories where Debian, Fedora and Arch keep the system libstdc++.so.6.
    private static readonly string[] LibDirs = { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib" };

    [Required] public string Library { get; set; } = "";
    [Required] public string Versions { get; set; } = "";
    [Required] public string AllowedSymbols { get; set; } = "";

    public override bool Execute()
    {
        var wanted = Versions.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(v => v.Trim()).ToList();
        var allowed = new HashSet<string>(AllowedSymbols.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        string? system = LibDirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
        // A version a library defines has its name in the library's string table; one it lacks appears nowhere in it.
        var missing = system is null ? wanted : wanted.Where(v => !Contains(File.ReadAllBytes(system), Encoding.ASCII.GetBytes(v + "\0"))).ToList();
        if (missing.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"libtorch loader fix: {system} has {string.Join(", ", wanted)}; {Library} left as it is.");
            return true;
        }
        try
        {
            byte[] elf = File.ReadAllBytes(Library);
            var changed = Mark(elf, missing, allowed);
            if (changed.Count == 0)
            {
                Log.LogMessage(MessageImportance.Low, $"libtorch loader fix: {Library} already marks {string.Join(", ", missing)} weak.");
                return true;
            }
            string temp = Library + ".weak-tmp";
            File.WriteAllBytes(temp, elf);
            File.Replace(temp, Library, null); // atomic rename over the output copy (never the NuGet cache's file)
            Log.LogMessage(MessageImportance.High,
                $"libtorch loader fix: the system libstdc++ lacks {string.Join(", ", changed)}; marked that requirement weak in {Library} (RobustLab.Torch/Loader/LibTorchSharpLoader.targets).");
            return true;
        }
        catch (InvalidDataException e)
        {
            Log.LogError($"libtorch loader fix: {Library}: {e.Message}");
            return false;
        }
    }

    /// <summary>Sets VER_FLG_WEAK on every requirement named in <paramref name="versions"/> that is not weak yet; returns their names.</summary>
    private static List<string> Mark(byte[] elf, List<string> versions, HashSet<string> allowed)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file.");
        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        var sections = Enumerable.Range(0, shnum).Select(i => shoff + (long)i * shentsize).ToList();
        long Find(uint type) => sections.FirstOrDefault(s => U32(elf, s + 4) == type);
        long verneed = Find(ShtVerneed), versym = Find(ShtVersym), dynsym = Find(ShtDynsym);
        if (verneed == 0 || versym == 0 || dynsym == 0) throw new InvalidDataException("no .gnu.version_r, .gnu.version or .dynsym section.");
        long strtab = (long)U64(elf, sections[(int)U32(elf, verneed + 40)] + 24); // sh_link → .dynstr's sh_offset
        long symtab = (long)U64(elf, dynsym + 24), symCount = (long)U64(elf, dynsym + 32) / 24, versyms = (long)U64(elf, versym + 24);
        var relocated = new HashSet<long>();
        foreach (var rela in sections.Where(s => U32(elf, s + 4) == ShtRela))
        {
            long at = (long)U64(elf, rela + 24), size = (long)U64(elf, rela + 32);
            for (long r = at; r < at + size; r += 24) relocated.Add((long)(U64(elf, r + 8) >> 32));
        }

        var changed = new List<string>();
        long need = (long)U64(elf, verneed + 24);
        for (int n = 0, count = (int)U32(elf, verneed + 44); n < count; n++)
        {
            long aux = need + U32(elf, need + 8);
            for (int a = 0, cnt = U16(elf, need + 2); a < cnt; a++)
            {
                string name = Str(elf, strtab + U32(elf, aux + 8));
                ushort flags = U16(elf, aux + 4), index = U16(elf, aux + 6);
                if (versions.Contains(name) && (flags & VerFlgWeak) == 0)
                {
                    for (long s = 1; s < symCount; s++)
                    {
                        if ((U16(elf, versyms + 2 * s) & 0x7fff) != index) continue;
                        string symbol = Str(elf, strtab + U32(elf, symtab + 24 * s));
                        if (!allowed.Contains(symbol))
                            throw new InvalidDataException($"the symbol {symbol} also needs {name}; marking it weak would not be safe (allowed: {string.Join(", ", allowed)}).");
                        if (relocated.Contains(s))
                            throw new InvalidDataException($"a relocation refers to {symbol} ({name}); marking it weak would not be safe.");
                    }
                    elf[aux + 4] = (byte)((flags | VerFlgWeak) & 0xff);
                    elf[aux + 5] = (byte)((flags | VerFlgWeak) >> 8);
                    changed.Add(name);
                }
                aux += U32(elf, aux + 12);
            }
            need += U32(elf, need + 12);
        }
        return changed;
    }

    private static ushort U16(byte[] b, long at) => BitConverter.ToUInt16(b, checked((int)at));
    private static uint U32(byte[] b, long at) => BitConverter.ToUInt32(b, checked((int)at));
    private static ulong U64(byte[] b, long at) => BitConverter.ToUInt64(b, checked((int)at));

    private static string Str(byte[] b, long at)
    {
        int start = checked((int)at), end = Array.IndexOf(b, (byte)0, start);
        return Encoding.ASCII.GetString(b, start, end - start);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
