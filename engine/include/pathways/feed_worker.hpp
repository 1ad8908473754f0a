// The feed worker: the child process that loads one partner plugin and streams what it reads
// back to the host, so a plugin's crash, hang or runaway memory never reaches the server.
// The pathways executable runs it as `pathways feed-worker <fd> <request-json>` (hidden).
#pragma once

#include <string_view>

namespace pathways {

// Loads the plugin the request names, checks its ABI, reads, and writes its lines to `out_fd`
// (record lines and JSON lines: see feed_host/worker_protocol.hpp).
// Returns the process exit code: 0 when the protocol ended cleanly (even for a failed read).
int run_feed_worker(int out_fd, std::string_view request_json) noexcept;

}  // namespace pathways
