// SHA-256 through the platform's crypto library: OpenSSL's libcrypto on Linux (its SHA256_*
// functions are deprecated in OpenSSL 3 in favour of EVP, whose contexts live on the heap; the
// plain-struct API keeps the Swift hasher a value type), CommonCrypto on macOS.
#include "CSHA256.h"

#ifdef __APPLE__
#include <CommonCrypto/CommonDigest.h>
typedef CC_SHA256_CTX circle_native_ctx;
#define NATIVE_INIT CC_SHA256_Init
#define NATIVE_UPDATE(c, d, n) CC_SHA256_Update((c), (d), (CC_LONG)(n))
#define NATIVE_FINAL(md, c) CC_SHA256_Final((md), (c))
#else
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
typedef SHA256_CTX circle_native_ctx;
#define NATIVE_INIT SHA256_Init
#define NATIVE_UPDATE(c, d, n) SHA256_Update((c), (d), (n))
#define NATIVE_FINAL(md, c) SHA256_Final((md), (c))
#endif

_Static_assert(sizeof(circle_native_ctx) <= sizeof(circle_sha256_ctx), "SHA-256 context does not fit");
_Static_assert(_Alignof(circle_native_ctx) <= _Alignof(circle_sha256_ctx), "SHA-256 context alignment");

void circle_sha256_init(circle_sha256_ctx *ctx) { NATIVE_INIT((circle_native_ctx *)ctx); }

void circle_sha256_update(circle_sha256_ctx *ctx, const void *bytes, size_t count) {
#ifdef __APPLE__
    // CC_LONG is 32 bits: feed very large buffers in pieces.
    const unsigned char *p = bytes;
    while (count > 0) {
        size_t part = count > (1u << 30) ? (1u << 30) : count;
        NATIVE_UPDATE((circle_native_ctx *)ctx, p, part);
        p += part;
        count -= part;
    }
#else
    if (count > 0) NATIVE_UPDATE((circle_native_ctx *)ctx, bytes, count);
#endif
}

void circle_sha256_final(circle_sha256_ctx *ctx, unsigned char digest[32]) {
    NATIVE_FINAL(digest, (circle_native_ctx *)ctx);
}
