// Only BerthCrypto includes OpenSSL headers. The low-level SHA256_CTX API is deprecated in OpenSSL 3 but it is the
// only one whose state can be saved and resumed, which chunked uploads need.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
