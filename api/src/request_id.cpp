// Request ids from a per-thread xoshiro256** generator (seeded from RAND_bytes via random_hex).
#include "request_id.hpp"

#include <array>
#include <cstdint>

#include "pathways/ids.hpp"

namespace pathways::api {
namespace {

class id_generator {
 public:
  id_generator() {
    const std::string seed = random_hex(32);  // 256 random bits as 64 hex digits
    for (std::size_t i = 0; i < state_.size(); ++i)
      state_[i] = std::stoull(seed.substr(16 * i, 16), nullptr, 16);
  }

  std::uint64_t next() {
    const std::uint64_t out = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return out;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> state_{};
};

}  // namespace

std::string new_request_id() {
  thread_local id_generator generator;
  constexpr char hex[] = "0123456789abcdef";
  std::uint64_t bits = generator.next();
  std::string out(16, '0');
  for (std::size_t i = out.size(); i-- > 0; bits >>= 4) out[i] = hex[bits & 0xf];
  return out;
}

}  // namespace pathways::api
