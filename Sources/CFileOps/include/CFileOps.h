#ifndef CFILEOPS_H
#define CFILEOPS_H

/// Atomically exchanges the two paths (both must exist): Linux renameat2(RENAME_EXCHANGE),
/// macOS renamex_np(RENAME_SWAP). Returns 0, or -1 with errno set (EINVAL or ENOSYS where the
/// file system or kernel cannot do it).
int circle_rename_exchange(const char *a, const char *b);

/// Renames `from` to `to` only if `to` does not exist (RENAME_NOREPLACE / RENAME_EXCL).
/// Returns 0, or -1 with errno set (EEXIST when `to` exists).
int circle_rename_noreplace(const char *from, const char *to);

#endif
