/*
 * Test-only stand-in for bcryptprimitives.dll, built by .ci/windows-smoke
 * and placed beside stationcal.exe for the wine smoke test. Never shipped.
 *
 * Rust's standard library imports ProcessPrng from bcryptprimitives.dll
 * (present on Windows 10 and later); Debian 12's wine 8 has no such DLL, so
 * the program would not start. This one exports ProcessPrng and fills the
 * buffer with RtlGenRandom (SystemFunction036 in advapi32), which wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
