// Random ids and secrets (OpenSSL RAND_bytes) and SHA-256 digests (OpenSSL EVP).
#include "pathways/ids.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "pathways/error.hpp"

namespace pathways {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 0xf];
  }
  return out;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1)
    throw error(error_code::internal, "the random number generator failed");
  return to_hex(buffer.data(), bytes);
}

std::string new_id() {
  return random_hex(16);
}

std::vector<std::string> new_ids(std::size_t n) {
  constexpr std::size_t id_bytes = 16;
  std::vector<unsigned char> buffer(n * id_bytes);
  if (n > 0 && RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1)
    throw error(error_code::internal, "the random number generator failed");
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(to_hex(buffer.data() + i * id_bytes, id_bytes));
  return out;
}

std::string sha256_hex(std::string_view text) {
  // Fetched once, not looked up by name on every digest (OpenSSL 3's implicit fetch costs more
  // than hashing a key or an audit row); each thread keeps a context of its own.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
      EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (sha256 == nullptr || context == nullptr ||
      EVP_DigestInit_ex2(context.get(), sha256, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1)
    throw error(error_code::internal, "SHA-256 failed");
  return to_hex(digest.data(), length);
}

bool is_id(std::string_view text) {
  return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace pathways
