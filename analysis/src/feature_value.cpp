#include <cajal/analysis/feature_value.hpp>

#include <numeric>
#include <stdexcept>

namespace cajal::analysis {

feature_value feature_value::of(std::vector<double> values) {
    if (values.empty()) return none("the feature has no values");
    feature_value out;
    out.values_ = std::move(values);
    return out;
}

feature_value feature_value::none(std::string reason) {
    feature_value out;
    out.reason_ = std::move(reason);
    return out;
}

double feature_value::mean() const {
    if (values_.empty()) throw std::logic_error("feature_value::mean: no value (" + reason_ + ")");
    return std::accumulate(values_.begin(), values_.end(), 0.0) / static_cast<double>(values_.size());
}

} // namespace cajal::analysis
