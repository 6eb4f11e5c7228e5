#pragma once
// Tests that measure the machine (memory advice, kernel features) and cannot measure on some
// machines say so instead of passing: they print kSkipped and return, and their CTest entry
// (one per such test, see CMakeLists.txt) has SKIP_REGULAR_EXPRESSION on the marker, so ctest
// reports "Not Run (Skipped)" rather than "Passed". doctest 2.4.9 has no runtime skip of its own.
// Such tests carry `* doctest::test_suite("environment")` so that the `unit` entry leaves them out.
//
//   if (!available) {
//     MESSAGE(qkv_test::kSkipped << "no transparent huge pages here");
//     return;
//   }

namespace qkv_test {

/// The marker CTest looks for; keep it in step with QKV_SKIP_MARKER in CMakeLists.txt.
inline constexpr const char* kSkipped = "[qkv skipped] ";

}  // namespace qkv_test
