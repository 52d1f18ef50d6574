#pragma once
// What the tests of gating_vshift (test_nmodl_gating_vshift*.cpp) run: .mod
// files as written and as a NEURON user edits them by hand for the same shift
// (a RANGE PARAMETER vshift, the rates called with v - vshift in INITIAL and
// DERIVATIVE), and the one-compartment cell they run on.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <cajal/mechanisms/catalogue.hpp>

#include "cell_run.hpp"

namespace cajal::test::vshift {

// A .mod file as written and as edited by hand.
struct mod_pair {
    std::string file_name;
    std::string mechanism;            // of the file as written
    std::string original;
    std::string edited_mechanism;     // of the edited copy
    std::string hand_edited;
};

// mechanisms/mod/hh.mod (cajal's built-in hh); the copy is named hh_vshift,
// since NEURON has an hh of its own.
mod_pair hh();
// Hay et al.'s NaTa_t.mod, whose rates read v itself: the copy's rates take v
// as an argument.
mod_pair nata(const std::filesystem::path& hay2011);
// A gate FUNCTION with a TABLE, called from INITIAL and DERIVATIVE (shifted)
// and from BREAKPOINT (an instantaneous factor of the current, true v).
mod_pair shared_gate();

// `text` with every `from` replaced by `to`; throws unless there are `count`.
std::string replaced(const std::string& text, const std::string& from, const std::string& to, std::size_t count);

struct channel {
    std::string mechanism;
    std::map<std::string, double> parameters;
};

// A mechanism to shift on one compartment under a current step.
struct setup {
    mod_pair mod;
    std::map<std::string, double> parameters;   // of the mechanism, besides the shift
    std::vector<channel> others;                // unshifted, from the same files on both sides
    double celsius = 6.3;
    double amp = 0.1;                           // nA
    bool spikes = false;                        // at ±10 mV
};

// hh; NaTa_t spiking with SKv3_1; the shared gate FUNCTION with a K-like current.
std::vector<setup> setups(const std::filesystem::path& hay2011);

// Writes into `folder` the files `s` needs that are not built in: its
// mechanism's, as written or edited by hand, and Hay's files of its others.
void write_files(const setup& s, const std::filesystem::path& hay2011, const std::filesystem::path& folder, bool hand_edited);

// The built-in catalogue plus the mechanisms of the files in `folder`, if any.
mechanism_catalogue catalogue_of(const std::filesystem::path& folder);

// The cell of `s` with its mechanism named `mechanism` and `shift_name` = `shift`.
cell_run setup_cell(const setup& s, const std::string& mechanism, const std::string& shift_name, double shift);

// A cylinder 20 µm long and wide, one segment, cm 1, pas (1e-4 S/cm², -70 mV),
// ena 50 mV, ek -85 mV, v_init -70 mV, `channels`, an IClamp of `amp` nA from
// 5 to 35 ms; v probed at its middle, 50 ms at dt 0.025 ms, backward Euler.
cell_run one_compartment(const std::vector<channel>& channels, double celsius, double amp);

} // namespace cajal::test::vshift
