#pragma once
// Test cases that cannot run here (no NEURON, no ../shared/data, no GPU) say
// so. Catch2 v2 has no skip: CAJAL_SKIP and CAJAL_SKIP_NO_GPU record the
// reason and leave the test case, and at its end a listener (test_skip.cpp)
// prints the line "CAJAL-SKIPPED: <reason>", which CTest's
// SKIP_REGULAR_EXPRESSION (tests/CMakeLists.txt) turns into "Skipped". A test
// case that failed before it skipped prints no such line and stays failed.
//
// CAJAL_REQUIRE_REFERENCES=1 (CI) makes CAJAL_SKIP a failure, and
// CAJAL_REQUIRE_GPU=1 (scripts/gpu-check) makes CAJAL_SKIP_NO_GPU one.

#include <string>

#include <catch2/catch.hpp>

namespace cajal::test {

// The line CTest looks for, up to the reason.
inline constexpr const char* skip_marker = "CAJAL-SKIPPED: ";

bool references_required();  // CAJAL_REQUIRE_REFERENCES=1
bool gpu_required();         // CAJAL_REQUIRE_GPU=1

// Records why the running test case stops here; the listener prints it.
void note_skip(const std::string& reason);

} // namespace cajal::test

// Leave a test case that needs NEURON or ../shared/data, which are absent.
#define CAJAL_SKIP(reason)                                                                      \
    do {                                                                                        \
        if (::cajal::test::references_required()) FAIL("CAJAL_REQUIRE_REFERENCES=1: " << (reason)); \
        ::cajal::test::note_skip(reason);                                                       \
        return;                                                                                 \
    } while (0)

// Leave a test case that needs a usable GPU (or a CUDA build), which is absent.
#define CAJAL_SKIP_NO_GPU(reason)                                                               \
    do {                                                                                        \
        if (::cajal::test::gpu_required()) FAIL("CAJAL_REQUIRE_GPU=1, but no GPU: " << (reason));  \
        ::cajal::test::note_skip(std::string("no GPU: ") + (reason));                           \
        return;                                                                                 \
    } while (0)
