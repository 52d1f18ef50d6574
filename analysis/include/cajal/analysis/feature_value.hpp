#pragma once
// What a feature yields for a trace: its values (one for a scalar feature, one
// per spike for a spike-shape feature), or no value and why, where eFEL
// returns None (an AP feature of a trace without spikes, say).

#include <string>
#include <vector>

namespace cajal::analysis {

class feature_value {
public:
    static feature_value of(std::vector<double> values);   // an empty list is no value
    static feature_value none(std::string reason);

    bool has_value() const { return !values_.empty(); }
    // The values, in spike order where there is one per spike; empty when none.
    const std::vector<double>& values() const { return values_; }
    // Why there is no value; empty when there is one.
    const std::string& reason() const { return reason_; }
    // The single number eFEL's users take (efel.get_mean_feature_values): the
    // mean of the values, the value itself for a scalar feature. Throws
    // std::logic_error when there is no value.
    double mean() const;

private:
    std::vector<double> values_;
    std::string reason_;
};

} // namespace cajal::analysis
