// The skip mechanism itself (test_skip.hpp): hidden test cases that CTest
// tests of their own run and read (tests/CMakeLists.txt), so that a broken
// listener cannot turn every skip back into a pass unnoticed.
#include "test_skip.hpp"

TEST_CASE("a test case that skips prints the skip line", "[.skip_self_skips]") {
    CAJAL_SKIP("deliberately skipped");
}

TEST_CASE("a test case that fails and then skips stays failed", "[.skip_self_fails]") {
    CHECK(1 + 1 == 3);   // the deliberate failure
    CAJAL_SKIP("deliberately skipped after a failure");
}
