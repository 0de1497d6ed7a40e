/*
 * TEST-ONLY stand-in for bcryptprimitives.dll. NEVER SHIPPED: it is built only to
 * try Klik's Windows programs under Wine, and never goes into an installer.
 *
 * Why it exists: every Rust program for Windows imports ProcessPrng from
 * bcryptprimitives.dll (the standard library's random numbers, e.g. for HashMap).
 * Real Windows 10 and 11 have that DLL; Wine 8.0 does not, so klik.exe fails to
 * load there ("Library bcryptprimitives.dll ... not found"). Copied into a Wine
 * prefix's drive_c/windows/system32, this file lets it load, with random bytes
 * from SystemFunction036 (RtlGenRandom, advapi32).
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
