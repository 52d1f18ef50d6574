// The listener interface of Catch2 v2 is only declared with this.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "test_skip.hpp"

#include <cstdlib>
#include <iostream>
#include <vector>

namespace cajal::test {

namespace {

bool variable_is_one(const char* name) {
    const char* v = std::getenv(name);
    return v && std::string(v) == "1";
}

// The reasons of the running test case (one per section that skipped).
std::vector<std::string>& skip_reasons() {
    static std::vector<std::string> reasons;
    return reasons;
}

// Prints the marker line at the end of a test case that skipped without a
// failure. Catch2 does not capture std::cout under the console reporter, so
// the line reaches CTest as it is.
class skip_listener: public Catch::TestEventListenerBase {
public:
    using TestEventListenerBase::TestEventListenerBase;

    void testCaseStarting(const Catch::TestCaseInfo& info) override {
        skip_reasons().clear();
        TestEventListenerBase::testCaseStarting(info);
    }

    void testCaseEnded(const Catch::TestCaseStats& stats) override {
        auto& reasons = skip_reasons();
        if (!reasons.empty()) {
            std::string text;
            for (const auto& r: reasons) text += (text.empty() ? "" : "; ") + r;
            if (stats.totals.assertions.failed == 0) {
                std::cout << skip_marker << text << std::endl;
            } else {
                std::cout << "cajal: this test case failed, then skipped the rest (" << text << ")" << std::endl;
            }
        }
        reasons.clear();
        TestEventListenerBase::testCaseEnded(stats);
    }
};

CATCH_REGISTER_LISTENER(skip_listener)

} // namespace

bool references_required() { return variable_is_one("CAJAL_REQUIRE_REFERENCES"); }
bool gpu_required() { return variable_is_one("CAJAL_REQUIRE_GPU"); }

void note_skip(const std::string& reason) { skip_reasons().push_back(reason); }

} // namespace cajal::test
