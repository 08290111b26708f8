#pragma once

// The private-address guard of the live link checks: addresses that a link
// checker must not connect to unless the user allows it.

#include <sys/socket.h>

namespace presslint::links {

// True for an address that is not on the public internet: loopback
// (127/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
// (169.254/16, fe80::/10), "this network" (0/8, ::), shared address space
// (100.64/10), multicast and broadcast; an IPv4-mapped or IPv4-compatible
// IPv6 address is judged by its IPv4 part. An unknown family counts as private.
bool is_private_address(const sockaddr* address, socklen_t length);

} // namespace presslint::links
