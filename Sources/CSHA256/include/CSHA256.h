#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256 state, a plain value (copying it forks the hash). Its layout is OpenSSL's SHA256_CTX
/// (Linux: libcrypto, with the CPU's SHA extensions where it has them) or CommonCrypto's
/// CC_SHA256_CTX (macOS); sizes are checked when the wrapper is compiled.
typedef struct {
    uint32_t words[28];
} circle_sha256_ctx;

/// Starts a hash in `ctx`.
void circle_sha256_init(circle_sha256_ctx *ctx);

/// Feeds `count` bytes at `bytes` (any alignment; NULL only with a count of 0).
void circle_sha256_update(circle_sha256_ctx *ctx, const void *bytes, size_t count);

/// Pads, finishes and writes the 32-byte digest to `digest`; `ctx` is spent.
void circle_sha256_final(circle_sha256_ctx *ctx, unsigned char digest[32]);

#endif
