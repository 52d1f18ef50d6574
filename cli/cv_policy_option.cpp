#include "cv_policy_option.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/core.h>

namespace cajal::cli {

namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(sep, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

// A positive int or double, the whole of text; what names it in the message.
template <typename T>
T positive_number(std::string_view text, std::string_view what) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !(value > 0) ||
        !std::isfinite(static_cast<double>(value))) {
        constexpr std::string_view kind = std::is_integral_v<T> ? "whole number" : "number";
        throw std::invalid_argument(fmt::format("{} must be a positive {}, not '{}'", what, kind, text));
    }
    return value;
}

} // namespace

cv_policy parse_cv_policy(std::string_view text, double Ra, double cm) {
    const std::vector<std::string_view> parts = split(text, ':');
    const std::string_view name = parts.front();
    if (name == "fixed" && parts.size() == 2) {
        return cv_policy::fixed(positive_number<int>(parts[1], "the number of segments per branch"));
    }
    if (name == "max-length" && parts.size() == 2) {
        return cv_policy::max_extent(positive_number<double>(parts[1], "the maximum CV length"));
    }
    if (name == "per-length" && parts.size() == 2) {
        return cv_policy::per_length(positive_number<double>(parts[1], "the per-length step"));
    }
    if (name == "d-lambda" && parts.size() <= 3) {
        const double frequency = parts.size() > 1 ? positive_number<double>(parts[1], "the frequency") : 100;
        const double d_lambda = parts.size() > 2 ? positive_number<double>(parts[2], "d_lambda") : 0.1;
        return cv_policy::lambda_rule(frequency, d_lambda, Ra, cm);
    }
    throw std::invalid_argument(
        fmt::format("unknown CV policy '{}' (expected fixed:N, max-length:L, per-length:L or d-lambda[:FREQ[:DLAMBDA]])",
                    text));
}

} // namespace cajal::cli
