#pragma once
// Where the tests find their fixtures, the source tree's content and the qkv binary. The paths
// are compiled into one file (paths.cpp) rather than into every test, so that moving the checkout
// or building a second worktree recompiles one file, and a shared compiler cache can serve the rest.
#include <string>

namespace qkv::test {

/// tests/data of the source tree, without a trailing slash.
const std::string& data_dir();
/// content/ of the source tree, without a trailing slash.
const std::string& content_dir();
/// The qkv executable built beside the tests (only the end-to-end binary defines it).
const std::string& qkv_binary();

}  // namespace qkv::test
