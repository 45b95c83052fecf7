// The two rename(2) variants Swift's Glibc module does not expose. Nothing else lives here.
#define _GNU_SOURCE
#include "CFileOps.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int rename2(const char *a, const char *b, unsigned int flags) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int circle_rename_exchange(const char *a, const char *b) { return rename2(a, b, RENAME_EXCHANGE); }
int circle_rename_noreplace(const char *from, const char *to) { return rename2(from, to, RENAME_NOREPLACE); }

#elif defined(__APPLE__)
int circle_rename_exchange(const char *a, const char *b) { return renamex_np(a, b, RENAME_SWAP); }
int circle_rename_noreplace(const char *from, const char *to) { return renamex_np(from, to, RENAME_EXCL); }
#else
int circle_rename_exchange(const char *a, const char *b) { (void)a; (void)b; errno = ENOSYS; return -1; }
int circle_rename_noreplace(const char *from, const char *to) { (void)from; (void)to; errno = ENOSYS; return -1; }
#endif
