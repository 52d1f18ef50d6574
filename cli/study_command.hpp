#pragma once
// `cajal run` on a model file with a `study` (docs/studies.md): every variant
// under every protocol, batched, and the study's outputs in place of a run's.

#include <filesystem>

#include <cajal/io/model_file.hpp>

#include "run_command.hpp"

namespace cajal::cli {

// Runs the study in this process and writes features.csv, variants.csv,
// fi.csv, rheobase.csv (with a rheobase protocol) and summary.json into
// out_dir, all or nothing. Returns the exit status (0).
int run_study_file(const run_options& options, const model_file& file, const std::filesystem::path& out_dir, double read_seconds);

} // namespace cajal::cli
