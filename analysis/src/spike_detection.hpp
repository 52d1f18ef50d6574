#pragma once
// The spike indices every AP feature builds on, each as eFEL 5.7 finds them:
// peaks (peak_indices), the after-hyperpolarization minimum after each peak
// (min_AHP_indices) and the sample where each AP begins (AP_begin_indices).
// Indices are into the resampled trace (feature_context).

#include <cstddef>
#include <vector>

#include "feature_context.hpp"

namespace cajal::analysis {

// eFEL's peak_indices: the highest sample between each upward crossing of the
// threshold and the downward crossing after it. A crossing is a change from
// strictly below to strictly above (or back): a sample exactly at the
// threshold interrupts it. An upward crossing with no downward one after it
// (a trace ending above threshold) is no spike. Empty when none.
std::vector<std::size_t> peak_indices(const feature_context& c);

// eFEL's min_AHP_indices: from each peak up to the next (the last: up to the
// trace's end), the first local minimum that the two samples after it do not
// undercut (else the range's minimum); one that is the trace's last sample is
// left out. Throws no_value when none is found.
std::vector<std::size_t> min_AHP_indices(const feature_context& c, const std::vector<std::size_t>& peaks);

// eFEL's AP_begin_indices: for each peak after the stimulus starts, searching
// back from the peak towards the previous AHP minimum, the last sample where
// dV/dt (central differences) is at most DerivativeThreshold, plus one, such
// that dV/dt stays at or above it for DerivativeWindow samples; a peak with
// none is skipped. Throws no_value when there are more such peaks than minima
// to search from.
std::vector<std::size_t> AP_begin_indices(const feature_context& c, const std::vector<std::size_t>& peaks,
                                          const std::vector<std::size_t>& ahp_minima);

// The peaks, throwing no_value when there are none (eFEL's AP features need one).
std::vector<std::size_t> required_peaks(const feature_context& c);

} // namespace cajal::analysis
