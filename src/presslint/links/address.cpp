#include <presslint/links/address.hpp>

#include <array>
#include <cstdint>
#include <cstring>

#include <netinet/in.h>

namespace presslint::links {

namespace {

bool
private_v4(std::uint32_t a) // host byte order
{
  struct Range
  {
    std::uint32_t base;
    int bits;
  };
  static constexpr std::array<Range, 10> k_ranges{{
    {0x00000000, 8},  // 0/8 "this network"
    {0x0A000000, 8},  // 10/8
    {0x64400000, 10}, // 100.64/10 shared address space
    {0x7F000000, 8},  // 127/8 loopback
    {0xA9FE0000, 16}, // 169.254/16 link-local
    {0xAC100000, 12}, // 172.16/12
    {0xC0000000, 24}, // 192.0.0/24 protocol assignments
    {0xC0A80000, 16}, // 192.168/16
    {0xC6120000, 15}, // 198.18/15 benchmarking
    {0xE0000000, 3},  // 224/4 multicast, 240/4 reserved, broadcast
  }};
  for (const Range& r : k_ranges) {
    const std::uint32_t mask = r.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - r.bits);
    if ((a & mask) == r.base) {
      return true;
    }
  }
  return false;
}

} // namespace

bool
is_private_address(const sockaddr* address, socklen_t length)
{
  if (address == nullptr) {
    return true;
  }
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in v4{};
    std::memcpy(&v4, address, sizeof v4);
    return private_v4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, address, sizeof v6);
    const unsigned char* b = v6.sin6_addr.s6_addr;
    bool zero10 = true;
    for (int i = 0; i < 10; ++i) {
      zero10 = zero10 && b[i] == 0;
    }
    const std::uint32_t tail = (std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16)
                               | (std::uint32_t{b[14]} << 8) | std::uint32_t{b[15]};
    if (zero10 && b[10] == 0xFF && b[11] == 0xFF) {
      return private_v4(tail); // ::ffff:a.b.c.d, IPv4-mapped
    }
    if (zero10 && b[10] == 0 && b[11] == 0) {
      return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
    }
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) {
      return private_v4(tail); // 64:ff9b::/96, NAT64 of an IPv4 address
    }
    if ((b[0] & 0xFE) == 0xFC) {
      return true; // fc00::/7 unique local
    }
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) {
      return true; // fe80::/10 link-local
    }
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) {
      return true; // fec0::/10 site-local (deprecated)
    }
    if (b[0] == 0xFF) {
      return true; // multicast
    }
    return false;
  }
  return true;
}

} // namespace presslint::links
